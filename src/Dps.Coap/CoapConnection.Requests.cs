using System.Buffers.Binary;
using System.Collections.Concurrent;
using Dps.Coap.Blockwise;
using Dps.Coap.Framing;
using Dps.Coap.Internal;

namespace Dps.Coap;

public sealed partial class CoapConnection
{
    private readonly ConcurrentDictionary<ulong, PendingExchange> _pending = new();

    /// <summary>
    /// Sends a request with a fresh random 8-byte token and returns its response. Bodies larger than
    /// the peer's Max-Message-Size go out as Block1 pieces and Block2 responses are followed, when
    /// the peer advertised Block-Wise-Transfer.
    /// </summary>
    /// <param name="request">A request (method code); its token is replaced.</param>
    /// <param name="options">Timeout and block-wise behaviour; null for the connection's defaults.</param>
    /// <param name="cancellationToken">Cancels this request only.</param>
    /// <exception cref="TimeoutException">No response within the timeout.</exception>
    /// <exception cref="CoapConnectionException">The connection ended before the response arrived.</exception>
    /// <exception cref="CoapMessageTooLargeException">The request does not fit the peer and cannot be split, or a Block2 body exceeds <see cref="CoapConnectionOptions.MaxReassembledBodySize"/>.</exception>
    /// <exception cref="InvalidDataException">The representation changed between Block2 pieces (ETag differs).</exception>
    /// <exception cref="CoapFormatException">The peer's Block2 pieces are out of sequence.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<CoapMessage> SendAsync(CoapMessage request, CoapRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Code.IsRequest)
        {
            throw new ArgumentException($"{request.Code} is not a request code.", nameof(request));
        }

        ThrowIfNotRunning();
        var timeout = options?.Timeout ?? _options.RequestTimeout;
        CoapConnectionOptions.CheckTimeout(timeout, nameof(options));
        return SendCoreAsync(request, timeout, options?.BlockWise ?? true, cancellationToken);
    }

    /// <summary>Sends Ping (7.02) and waits for Pong within <see cref="CoapConnectionOptions.RequestTimeout"/>.</summary>
    /// <exception cref="TimeoutException">No Pong in time.</exception>
    /// <exception cref="CoapConnectionException">The connection ended.</exception>
    public Task PingAsync(CancellationToken cancellationToken = default) => PingAsync(_options.RequestTimeout, cancellationToken);

    /// <summary>Sends Ping (7.02) and waits for Pong within <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">No Pong in time.</exception>
    /// <exception cref="CoapConnectionException">The connection ended.</exception>
    public Task PingAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        CoapConnectionOptions.CheckTimeout(timeout, nameof(timeout));
        ThrowIfNotRunning();
        return ExchangeAsync(CoapMessage.Create(CoapCode.Ping), timeout, null, null, cancellationToken);
    }

    private async Task<CoapMessage> SendCoreAsync(CoapMessage request, TimeSpan timeout, bool blockWise, CancellationToken cancellationToken)
    {
        CoapMessage response;
        int size = CoapTcpFramer.GetEncodedLength(request) - request.Token.Length + 8;
        var peer = PeerSettings;
        if (size > peer.MaxMessageSize)
        {
            if (!blockWise || !CanUseBlockWise(peer))
            {
                throw new CoapMessageTooLargeException(
                    $"The {request.Code} {request.UriPath} request of {size} bytes exceeds the peer's Max-Message-Size {peer.MaxMessageSize} and the peer did not advertise block-wise transfer.",
                    size,
                    peer.MaxMessageSize);
            }

            response = await UploadAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            response = await ExchangeAsync(request, timeout, null, null, cancellationToken).ConfigureAwait(false);
        }

        if (blockWise && response.Block2 is { More: true, Number: 0 })
        {
            response = await DownloadAsync(request, response, timeout, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private bool CanUseBlockWise(CoapPeerSettings peer) => _options.BlockWiseTransfer && peer.BlockWiseTransfer;

    /// <summary>One request/response (or Ping/Pong) round trip under one token.</summary>
    private async Task<CoapMessage> ExchangeAsync(
        CoapMessage request,
        TimeSpan timeout,
        Observe.CoapObservation? observation,
        byte[]? fixedToken,
        CancellationToken cancellationToken,
        PendingExchange? prepared = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var exchange = prepared ?? new PendingExchange(request, timeout, observation);
        byte[] token = fixedToken ?? Register(exchange);
        ulong key = BinaryPrimitives.ReadUInt64BigEndian(token);
        if (fixedToken is not null && !_pending.TryAdd(key, exchange))
        {
            throw new InvalidOperationException("The token is already in use by another request.");
        }

        if (Volatile.Read(ref _state) == StateClosed)
        {
            _pending.TryRemove(new KeyValuePair<ulong, PendingExchange>(key, exchange));
            throw CreateClosedException();
        }

        observation?.SetToken(token);
        var message = request.WithToken(token);
        ITimer? timer = null;
        CancellationTokenRegistration registration = default;
        try
        {
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                timer = _timeProvider.CreateTimer(static state => ((PendingExchange)state!).OnTimeout(), exchange, timeout, Timeout.InfiniteTimeSpan);
            }

            if (cancellationToken.CanBeCanceled)
            {
                registration = cancellationToken.UnsafeRegister(
                    static (state, token) => ((PendingExchange)state!).TrySetCanceled(token), exchange);
            }

            await WriteFrameAsync(message, cancellationToken).ConfigureAwait(false);
            return await exchange.Task.ConfigureAwait(false);
        }
        finally
        {
            timer?.Dispose();
            await registration.DisposeAsync().ConfigureAwait(false);
            _pending.TryRemove(new KeyValuePair<ulong, PendingExchange>(key, exchange));
        }
    }

    private byte[] Register(PendingExchange exchange)
    {
        while (true)
        {
            byte[] token = NewToken();
            if (_pending.TryAdd(BinaryPrimitives.ReadUInt64BigEndian(token), exchange))
            {
                return token;
            }
        }
    }

    private void FailPending(CoapConnectionException reason)
    {
        foreach (var pair in _pending)
        {
            if (_pending.TryRemove(pair))
            {
                pair.Value.TrySetException(new CoapConnectionException(
                    reason.Kind, "The connection ended before the response arrived: " + reason.Message, reason));
            }
        }
    }
}
