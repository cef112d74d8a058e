using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap.Framing;
using Dps.Coap.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Coap;

/// <summary>
/// One duplex CoAP-over-TCP connection (RFC 8323) over any <see cref="Stream"/> (an
/// <see cref="SslStream"/> or a plain one). It sends requests (matched by 8-byte random tokens,
/// each with a timeout) and serves the peer's requests through an <see cref="ICoapHandler"/> at
/// the same time. Signaling (CSM, Ping/Pong, Release, Abort), Observe and block-wise transfers are
/// handled here. Every frame is written with one <see cref="Stream.WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
/// call followed by a flush, so one frame maps to one TLS record.
/// </summary>
public sealed partial class CoapConnection : IAsyncDisposable, IDisposable
{
    private const int StateCreated = 0;
    private const int StateRunning = 1;
    private const int StateClosing = 2;
    private const int StateClosed = 3;

    private readonly Stream _stream;
    private readonly CoapConnectionOptions _options;
    private readonly ICoapHandler? _handler;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, object?> _items = new(StringComparer.Ordinal);
    private readonly Lock _stateLock = new();
    private readonly TaskCompletionSource<CoapPeerSettings> _firstCsm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CoapPeerSettings _peerSettings;
    private int _state;
    private CoapConnectionException? _closeReason;
    private Task _readLoop = Task.CompletedTask;
    private readonly X509Certificate2? _remoteCertificate;

    /// <summary>Creates a connection over <paramref name="stream"/>; call <see cref="Start"/> to run it.</summary>
    /// <param name="stream">A connected stream (TLS already authenticated). Disposed when the connection ends unless <see cref="CoapConnectionOptions.LeaveStreamOpen"/>.</param>
    /// <param name="options">Settings (copied); null for defaults.</param>
    /// <param name="handler">Serves incoming requests; null answers them 4.04.</param>
    /// <param name="timeProvider">Clock for timeouts and keep-alive; null for the system clock.</param>
    /// <param name="logger">Logger; null for none.</param>
    public CoapConnection(
        Stream stream,
        CoapConnectionOptions? options = null,
        ICoapHandler? handler = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _options = options?.Clone() ?? new CoapConnectionOptions();
        _options.Validate();
        _stream = stream;

        // Taken now, while the stream is open: the stream is disposed when the connection ends (a peer
        // may close right after its handshake), and the certificate must stay readable after that.
        if (stream is SslStream { IsAuthenticated: true, RemoteCertificate: { } certificate })
        {
            _remoteCertificate = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        }

        _handler = handler;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _peerSettings = new CoapPeerSettings(
            _options.AssumePeerMaxMessageSize ?? CoapTcpFramer.DefaultMaxMessageSize, false, false);
    }

    /// <summary>Raised once when the connection has ended (outside any lock; a throwing handler is logged).</summary>
    public event EventHandler<CoapConnectionClosedEventArgs>? Closed;

    /// <summary>Completes (never faults) when the connection has ended; see <see cref="CloseReason"/>.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Why the connection ended, or null while it runs.</summary>
    public CoapConnectionException? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>True after <see cref="Start"/> and before the connection ends.</summary>
    public bool IsConnected => Volatile.Read(ref _state) == StateRunning;

    /// <summary>The peer's CSM settings: Max-Message-Size 1152 (or the assumed value) until a CSM arrives.</summary>
    public CoapPeerSettings PeerSettings => Volatile.Read(ref _peerSettings);

    /// <summary>Completes with the peer's settings when its first CSM arrives; fails with <see cref="CoapConnectionException"/> if the connection ends first. Some peers never send one.</summary>
    public Task<CoapPeerSettings> WaitForPeerCsmAsync(CancellationToken cancellationToken = default) =>
        _firstCsm.Task.WaitAsync(cancellationToken);

    /// <summary>A copy of the settings this connection runs with.</summary>
    public CoapConnectionOptions Options => _options.Clone();

    /// <summary>
    /// The peer's certificate when the stream was an authenticated <see cref="SslStream"/> at
    /// construction; still readable after the connection has ended.
    /// </summary>
    public X509Certificate2? RemoteCertificate => _remoteCertificate;

    /// <summary>The peer's address, when the transport knows it.</summary>
    public EndPoint? RemoteEndPoint { get; init; }

    /// <summary>Per-connection state for handlers (thread-safe).</summary>
    public IDictionary<string, object?> Items => _items;

    private string? EndPointText => RemoteEndPoint?.ToString();

    /// <summary>Sends our CSM (unless disabled) and starts reading. Call once.</summary>
    /// <exception cref="InvalidOperationException">Already started or closed.</exception>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, StateRunning, StateCreated) != StateCreated)
        {
            throw new InvalidOperationException("The connection was already started or closed.");
        }

        Log.ConnectionStarted(_logger, EndPointText);
        if (_options.SendCsm)
        {
            // Takes the write lock synchronously, so the CSM is the first frame on the wire.
            _ = SendInBackgroundAsync(CreateCsm());
        }

        _readLoop = Task.Run(ReadLoopAsync);
        if (_options.KeepAliveInterval is { } interval)
        {
            StartKeepAlive(interval);
        }
    }

    /// <summary>Sends Release (7.04) and closes the connection; pending requests fail with <see cref="CoapConnectionException"/>.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, StateClosing, StateRunning) == StateRunning)
        {
            try
            {
                // Bounded: a peer that stopped reading must not hold up the close.
                await WriteBoundedAsync(CreateSignal(CoapCode.Release), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CoapConnectionException or TimeoutException)
            {
                // The connection already failed or the peer does not read; close anyway.
            }
            finally
            {
                Shutdown(new CoapConnectionException(CoapConnectionErrorKind.ClosedLocally, "The connection was closed locally."));
            }
        }
        else
        {
            Shutdown(new CoapConnectionException(CoapConnectionErrorKind.ClosedLocally, "The connection was closed locally."));
        }

        await _readLoop.ConfigureAwait(false);
    }

    /// <summary>Same as <see cref="CloseAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <summary>Closes the connection at once without sending Release.</summary>
    public void Dispose() =>
        Shutdown(new CoapConnectionException(CoapConnectionErrorKind.ClosedLocally, "The connection was disposed."));

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CoapConnection {EndPointText ?? "(unknown)"} state {_state}");

    private CoapMessage CreateCsm()
    {
        var options = new List<CoapOption>(2)
        {
            CoapOption.FromUInt(CoapSignalingOption.MaxMessageSize, (uint)_options.MaxMessageSize),
        };
        if (_options.BlockWiseTransfer)
        {
            options.Add(CoapOption.Empty(CoapSignalingOption.BlockWiseTransfer));
        }

        return CoapMessage.Create(CoapCode.Csm, NewToken(), options);
    }

    private static CoapMessage CreateSignal(CoapCode code, IEnumerable<CoapOption>? options = null, string? diagnostic = null) =>
        CoapMessage.Create(code, NewToken(), options, diagnostic is null ? default : System.Text.Encoding.UTF8.GetBytes(diagnostic));

    private static byte[] NewToken()
    {
        var token = new byte[8];
        System.Security.Cryptography.RandomNumberGenerator.Fill(token);
        return token;
    }

    /// <summary>
    /// Writes one frame: encoded into one buffer, one WriteAsync and a flush, serialized with every
    /// other write. Failures end the connection.
    /// </summary>
    private async Task WriteFrameAsync(CoapMessage message, CancellationToken cancellationToken)
    {
        int length = CoapTcpFramer.GetEncodedLength(message);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            CoapTcpFramer.WriteTo(buffer, message);
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (Volatile.Read(ref _state) == StateClosed)
                {
                    throw CreateClosedException();
                }

                await _stream.WriteAsync(buffer.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
                await _stream.FlushAsync(_lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not CoapConnectionException)
            {
                if (Volatile.Read(ref _state) != StateClosed)
                {
                    Shutdown(new CoapConnectionException(
                        CoapConnectionErrorKind.TransportFailed, "Writing to the connection failed: " + ex.Message, ex));
                }

                throw CreateClosedException();
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.MessageSent(_logger, message.Code, message.Code.IsSignaling ? string.Empty : message.UriPath, length);
        }
    }

    /// <summary>Writes a last frame (Release, Abort) but gives up after the request timeout, so a peer that stopped reading cannot stall a close.</summary>
    private async Task WriteBoundedAsync(CoapMessage message, CancellationToken cancellationToken)
    {
        var write = WriteFrameAsync(message, cancellationToken);
        try
        {
            await write.WaitAsync(_options.RequestTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException && !write.IsCompleted)
        {
            // The write fails once the stream is disposed; observe that.
            _ = write.ContinueWith(
                static t => _ = t.Exception,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>Writes a frame nobody awaits (CSM, Pong, Abort, answers from the reader); failures are logged.</summary>
    private async Task SendInBackgroundAsync(CoapMessage message)
    {
        try
        {
            await WriteFrameAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.BackgroundSendFailed(_logger, message.Code, ex);
        }
    }

    private CoapConnectionException CreateClosedException()
    {
        var reason = Volatile.Read(ref _closeReason);
        return reason is null
            ? new CoapConnectionException(CoapConnectionErrorKind.ClosedLocally, "The connection is closed.")
            : new CoapConnectionException(reason.Kind, "The connection is closed: " + reason.Message, reason);
    }

    private void ThrowIfNotRunning()
    {
        int state = Volatile.Read(ref _state);
        if (state == StateCreated)
        {
            throw new InvalidOperationException("Call Start before sending.");
        }

        if (state != StateRunning)
        {
            throw CreateClosedException();
        }
    }

    /// <summary>Ends the connection once: fails pending work, disposes the stream, raises <see cref="Closed"/>.</summary>
    private void Shutdown(CoapConnectionException reason)
    {
        lock (_stateLock)
        {
            if (_state == StateClosed)
            {
                return;
            }

            Volatile.Write(ref _closeReason, reason);
            Volatile.Write(ref _state, StateClosed);
        }

        try
        {
            _lifetime.Cancel();
        }
        catch (AggregateException ex)
        {
            Log.ClosedHandlerFailed(_logger, ex);
        }

        _keepAliveTimer?.Dispose();
        if (_firstCsm.TrySetException(new CoapConnectionException(reason.Kind, "The connection ended before the peer sent a CSM: " + reason.Message, reason)))
        {
            _ = _firstCsm.Task.Exception;
        }

        FailPending(reason);
        EndObservations(reason);
        if (!_options.LeaveStreamOpen)
        {
            try
            {
                _stream.Dispose();
            }
            catch (Exception ex)
            {
                Log.BackgroundSendFailed(_logger, CoapCode.Release, ex);
            }
        }

        Log.ConnectionClosed(_logger, EndPointText, reason.Kind, reason.Message);
        try
        {
            Closed?.Invoke(this, new CoapConnectionClosedEventArgs(reason));
        }
        catch (Exception ex)
        {
            Log.ClosedHandlerFailed(_logger, ex);
        }

        _completion.TrySetResult();
    }
}
