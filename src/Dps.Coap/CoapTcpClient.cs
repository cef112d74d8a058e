using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Dps.Coap.Transport;

namespace Dps.Coap;

/// <summary>Opens CoAP connections over TCP (<c>coap+tcp</c>) and TLS (<c>coaps+tcp</c>).</summary>
public static class CoapTcpClient
{
    /// <summary>
    /// Resolves the host, connects (trying each address in turn), performs the TLS handshake for
    /// <c>coaps+tcp</c> and returns a started connection that has sent its CSM.
    /// </summary>
    /// <exception cref="CoapConnectionException">The connection or the handshake failed, or timed out.</exception>
    /// <exception cref="FormatException">The URI is not a coap(s)+tcp URI.</exception>
    public static Task<CoapConnection> ConnectAsync(Uri uri, CoapTcpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return ConnectAsync(CoapEndpoint.Parse(uri.OriginalString), options, cancellationToken);
    }

    /// <inheritdoc cref="ConnectAsync(Uri, CoapTcpClientOptions?, CancellationToken)"/>
    public static async Task<CoapConnection> ConnectAsync(CoapEndpoint endpoint, CoapTcpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options = (options ?? new CoapTcpClientOptions()).Copy();
        options.Validate();
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Stream? stream = null;
        try
        {
            var socket = await ConnectSocketAsync(endpoint, linked.Token).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            stream = network;
            if (endpoint.IsSecure)
            {
                var tls = options.Tls ?? new SslClientAuthenticationOptions();
                if (string.IsNullOrEmpty(tls.TargetHost))
                {
                    tls.TargetHost = endpoint.Host;
                }

                tls.ApplicationProtocols ??= TlsOptionsCopy.CoapAlpn;
                var ssl = new SslStream(network, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(tls, linked.Token).ConfigureAwait(false);
            }

            var connection = new CoapConnection(stream, options.Connection, options.Handler, options.TimeProvider, options.Logger)
            {
                RemoteEndPoint = socket.RemoteEndPoint,
                LocalEndPoint = socket.LocalEndPoint,
            };
            connection.Start();
            return connection;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            throw new CoapConnectionException($"Connecting to {endpoint} timed out after {options.ConnectTimeout.TotalSeconds:0.###} s.");
        }
        catch (OperationCanceledException)
        {
            await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            throw new CoapConnectionException($"Connecting to {endpoint} failed: {ex.Message}", ex);
        }
    }

    private static async Task<Socket> ConnectSocketAsync(CoapEndpoint endpoint, CancellationToken cancellationToken)
    {
        IPAddress[] addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new CoapConnectionException($"'{endpoint.Host}' has no address.");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream)
    {
        if (stream is not null)
        {
            try
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
