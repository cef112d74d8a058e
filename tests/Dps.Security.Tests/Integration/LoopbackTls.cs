using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Dps.Security.Tests.Integration;

/// <summary>Result of one TLS handshake plus a one-byte exchange each way over loopback.</summary>
internal sealed record LoopbackTlsResult(
    Exception? ClientError,
    Exception? ServerError,
    SslProtocols Protocol,
    TlsCipherSuite CipherSuite,
    SslApplicationProtocol ApplicationProtocol)
{
    public bool Succeeded => ClientError is null && ServerError is null;
}

/// <summary>Runs a real SslStream client against a real SslStream server on 127.0.0.1, port 0.</summary>
internal static class LoopbackTls
{
    public static async Task<LoopbackTlsResult> RunAsync(
        SslServerAuthenticationOptions serverOptions,
        SslClientAuthenticationOptions clientOptions,
        CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Task<Exception?> server = ServeAsync(listener, serverOptions, cancellationToken);
        Exception? clientError = null;
        SslProtocols protocol = SslProtocols.None;
        TlsCipherSuite cipher = default;
        SslApplicationProtocol alpn = default;
        using (var tcp = new TcpClient(AddressFamily.InterNetwork))
        {
            try
            {
                await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                await using var ssl = new SslStream(tcp.GetStream());
                await ssl.AuthenticateAsClientAsync(clientOptions, cancellationToken);
                protocol = ssl.SslProtocol;
                cipher = ssl.NegotiatedCipherSuite;
                alpn = ssl.NegotiatedApplicationProtocol;
                // With TLS 1.3 the server judges the client certificate after the client finished:
                // exchange data so a rejection surfaces here.
                await ssl.WriteAsync(new byte[] { 1 }, cancellationToken);
                var buffer = new byte[1];
                await ssl.ReadExactlyAsync(buffer, cancellationToken);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException)
            {
                clientError = ex;
            }
        }

        Exception? serverError = await server;
        return new LoopbackTlsResult(clientError, serverError, protocol, cipher, alpn);
    }

    private static async Task<Exception?> ServeAsync(TcpListener listener, SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        using TcpClient tcp = await listener.AcceptTcpClientAsync(cancellationToken);
        try
        {
            await using var ssl = new SslStream(tcp.GetStream());
            await ssl.AuthenticateAsServerAsync(options, cancellationToken);
            var buffer = new byte[1];
            await ssl.ReadExactlyAsync(buffer, cancellationToken);
            await ssl.WriteAsync(buffer, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException)
        {
            return ex;
        }
    }
}
