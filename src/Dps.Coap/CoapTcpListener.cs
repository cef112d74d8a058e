using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Dps.Coap.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Coap;

/// <summary>
/// Accepts CoAP-over-TCP connections (plain or TLS) and serves each with a <see cref="CoapConnection"/>.
/// A failed handshake or a misbehaving peer affects only its own connection.
/// </summary>
public sealed class CoapTcpListener : IAsyncDisposable
{
    private readonly CoapListenerOptions _options;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<CoapConnection, byte> _connections = new();
    private Task? _acceptLoop;
    private long _handshakeFailures;
    private long _accepted;

    /// <summary>Binds to <paramref name="endPoint"/> (port 0 picks a free port).</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public CoapTcpListener(IPEndPoint endPoint, CoapListenerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        _options = (options ?? new CoapListenerOptions()).Copy();
        _options.Validate();
        _logger = _options.Logger ?? NullLogger.Instance;
        if (_options.Tls is { ApplicationProtocols: null } tls)
        {
            tls.ApplicationProtocols = TlsOptionsCopy.CoapAlpn;
        }

        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            _socket.DualMode = true;
        }

        try
        {
            _socket.Bind(endPoint);
            _socket.Listen(512);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>True for a TLS listener.</summary>
    public bool IsSecure => _options.Tls is not null;

    /// <summary>The URI clients connect to, e.g. <c>coaps+tcp://127.0.0.1:40123</c>.</summary>
    public CoapEndpoint Endpoint => new(LocalEndPoint.Address.ToString(), LocalEndPoint.Port, IsSecure);

    /// <summary>Connections currently served.</summary>
    public IReadOnlyCollection<CoapConnection> Connections => [.. _connections.Keys];

    /// <summary>TLS handshakes that failed (rejected certificates, resets, timeouts).</summary>
    public long HandshakeFailures => Interlocked.Read(ref _handshakeFailures);

    /// <summary>Connections that completed their handshake and were served.</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Starts accepting.</summary>
    public void Start()
    {
        if (_acceptLoop is not null)
        {
            throw new InvalidOperationException("The listener is already started.");
        }

        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _logger.LogWarning(ex, "Accept failed on {EndPoint}", LocalEndPoint);
                continue;
            }

            _ = Task.Run(() => ServeAsync(client, token), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        EndPoint? remote = client.RemoteEndPoint;
        if (_connections.Count >= _options.MaxConnections)
        {
            _logger.LogWarning("Refusing {Remote}: {Count} connections already served", remote, _connections.Count);
            client.Dispose();
            return;
        }

        client.NoDelay = true;
        Stream stream = new NetworkStream(client, ownsSocket: true);
        CoapConnection? connection = null;
        try
        {
            if (_options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                using var timeout = new CancellationTokenSource(_options.HandshakeTimeout, _options.TimeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
                try
                {
                    await ssl.AuthenticateAsServerAsync(tls, linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException
                                               or OperationCanceledException or SocketException)
                {
                    Interlocked.Increment(ref _handshakeFailures);
                    _logger.LogInformation("TLS handshake with {Remote} failed: {Reason}", remote, ex.Message);
                    await stream.DisposeAsync().ConfigureAwait(false);
                    return;
                }
            }

            connection = new CoapConnection(stream, _options.Connection, _options.Handler, _options.TimeProvider, _options.Logger)
            {
                RemoteEndPoint = remote,
                LocalEndPoint = client.LocalEndPoint,
            };
            _connections.TryAdd(connection, 0);
            Interlocked.Increment(ref _accepted);
            connection.Start();
            if (_options.OnConnected is { } onConnected)
            {
                try
                {
                    await onConnected(connection, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (connection.CloseReason is { } closed && (ex is OperationCanceledException or CoapConnectionException or IOException or ObjectDisposedException))
                {
                    // The peer went away while the handler ran (e.g. it closed right after its handshake).
                    _logger.LogDebug("Connection handler for {Remote} stopped: the connection ended ({Reason})", remote, closed.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    _logger.LogWarning(ex, "Connection handler for {Remote} failed; closing it", remote);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            await connection.Completion.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Loop boundary: one connection's fault never reaches the accept loop.
            _logger.LogWarning(ex, "Connection with {Remote} ended with an error", remote);
        }
        finally
        {
            if (connection is not null)
            {
                _connections.TryRemove(connection, out _);
                await connection.DisposeAsync().ConfigureAwait(false);
                _logger.LogDebug("Connection with {Remote} finished", remote);
            }
            else
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops accepting and closes every connection (Release first, then close).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _socket.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        var closing = _connections.Keys.Select(async c =>
        {
            try
            {
                await c.CloseAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CoapConnectionException or IOException or ObjectDisposedException)
            {
                _logger.LogDebug(ex, "Closing {Remote} failed", c.RemoteEndPoint);
            }
            finally
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
        });
        await Task.WhenAll(closing).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
