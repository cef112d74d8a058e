using System.Net;
using System.Net.Sockets;

namespace Dps.Testing.Processes;

/// <summary>Free loopback TCP ports for processes that cannot be told to use port 0.</summary>
public static class FreePort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago.</summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port P where P and P+1 are both free for TCP and UDP (libcoap's server binds both).</summary>
    public static int GetPair()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int port = Random.Shared.Next(20000, 60000) & ~1;
            if (IsFree(port) && IsFree(port + 1))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port pair found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                // The process is still starting: poll again shortly.
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
