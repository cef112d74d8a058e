using System.Threading.Channels;
using Dps.Coap.Internal;

namespace Dps.Coap.Observe;

/// <summary>
/// A client-side Observe registration (RFC 7641) made with <see cref="CoapConnection.ObserveAsync"/>.
/// <see cref="Notifications"/> yields the first response and then every fresh notification in
/// order (reordered ones are dropped by the 24-bit sequence rule); it completes when the
/// registration ends: a notification without Observe or with an error code, <see cref="CancelAsync"/>,
/// dispose, or the end of the connection (then with a <see cref="CoapConnectionException"/>).
/// </summary>
public sealed class CoapObservation : IAsyncDisposable
{
    private readonly CoapConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<CoapMessage> _channel = Channel.CreateUnbounded<CoapMessage>(
        new UnboundedChannelOptions { SingleWriter = true, SingleReader = false });

    private readonly Lock _lock = new();
    private byte[] _token = [];
    private uint _lastSequence;
    private DateTimeOffset _lastTime;
    private readonly TaskCompletionSource<CoapMessage> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _tail = Task.CompletedTask;
    private bool _registered;
    private bool _ended;

    internal CoapObservation(CoapConnection connection, CoapMessage request, TimeProvider timeProvider)
    {
        _connection = connection;
        Request = request;
        _timeProvider = timeProvider;
    }

    /// <summary>The registration request (GET/FETCH with Observe 0).</summary>
    public CoapMessage Request { get; }

    /// <summary>The first response (its Block2 pieces already fetched and joined).</summary>
    public CoapMessage Response { get; private set; } = null!;

    /// <summary>True while the server keeps the registration (the first response carried Observe and nothing ended it).</summary>
    public bool IsRegistered
    {
        get
        {
            lock (_lock)
            {
                return _registered && !_ended;
            }
        }
    }

    /// <summary>The first response, then the notifications, in order.</summary>
    public ChannelReader<CoapMessage> Notifications => _channel.Reader;

    internal ReadOnlyMemory<byte> Token => _token;

    /// <summary>Completes with the whole first response.</summary>
    internal Task<CoapMessage> FirstResponse => _first.Task;

    /// <summary>Reads <see cref="Notifications"/> as an async stream.</summary>
    public IAsyncEnumerable<CoapMessage> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Deregisters (GET with Observe 1 on the same token, RFC 7641 §3.6), waits for the answer, and ends.</summary>
    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        if (!Forget())
        {
            return;
        }

        await _connection.DeregisterAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the observation locally and tells the server in the background (best effort).</summary>
    public ValueTask DisposeAsync()
    {
        if (Forget())
        {
            _connection.DeregisterInBackground(this);
        }

        return ValueTask.CompletedTask;
    }

    internal void SetToken(byte[] token) => _token = token;

    /// <summary>Called by the reader with the registration's response, before the request completes.</summary>
    internal void OnFirstResponse(CoapMessage response)
    {
        lock (_lock)
        {
            DeliverLocked(response, isFirst: true);
            if (response.Code.IsSuccess && response.Observe is { } sequence && !_ended)
            {
                _registered = true;
                _lastSequence = sequence;
                _lastTime = _timeProvider.GetUtcNow();
                _connection.AddObservation(this);
            }
            else
            {
                _ended = true;
                CompleteLocked(null);
            }
        }
    }

    /// <summary>Called by the reader with a later message on the token.</summary>
    internal void OnNotification(CoapMessage notification, Microsoft.Extensions.Logging.ILogger logger)
    {
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            if (!notification.Code.IsSuccess || notification.Observe is not { } sequence)
            {
                DeliverLocked(notification, isFirst: false);
                EndLocked(null);
                return;
            }

            var now = _timeProvider.GetUtcNow();
            if (!ObserveSequence.IsNewer(_lastSequence, _lastTime, sequence, now))
            {
                Log.NotificationReordered(logger, sequence, _lastSequence);
                return;
            }

            _lastSequence = sequence;
            _lastTime = now;
            DeliverLocked(notification, isFirst: false);
        }
    }

    /// <summary>The connection ended.</summary>
    internal void OnConnectionEnded(CoapConnectionException reason)
    {
        lock (_lock)
        {
            if (!_ended)
            {
                EndLocked(new CoapConnectionException(reason.Kind, "The connection ended: " + reason.Message, reason));
            }
        }
    }

    /// <summary>Ends locally; true when this call ended a live registration.</summary>
    private bool Forget()
    {
        lock (_lock)
        {
            if (_ended)
            {
                return false;
            }

            bool wasRegistered = _registered;
            EndLocked(null);
            return wasRegistered;
        }
    }

    private void EndLocked(Exception? error)
    {
        _ended = true;
        _connection.RemoveObservation(this);
        CompleteLocked(error);
    }

    /// <summary>
    /// Queues a message for the channel in arrival order. A message that is the first of several
    /// Block2 pieces is completed in the background first; later messages wait behind it.
    /// </summary>
    private void DeliverLocked(CoapMessage message, bool isFirst)
    {
        if (message.Code.IsSuccess && message.Block2 is { More: true, Number: 0 })
        {
            var whole = Task.Run(() => _connection.FetchRemainingBlocksAsync(Request, message));
            _tail = DeliverAfterAsync(_tail, whole, isFirst);
        }
        else if (_tail.IsCompleted)
        {
            Publish(message, isFirst);
        }
        else
        {
            _tail = DeliverAfterAsync(_tail, Task.FromResult(message), isFirst);
        }
    }

    private void CompleteLocked(Exception? error)
    {
        if (_tail.IsCompleted)
        {
            _channel.Writer.TryComplete(error);
        }
        else
        {
            _tail = _tail.ContinueWith(
                _ => _channel.Writer.TryComplete(error), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void Publish(CoapMessage message, bool isFirst)
    {
        if (isFirst)
        {
            Response = message;
            _first.TrySetResult(message);
        }

        _channel.Writer.TryWrite(message);
    }

    private async Task DeliverAfterAsync(Task previous, Task<CoapMessage> next, bool isFirst)
    {
        await previous.ConfigureAwait(false);
        try
        {
            Publish(await next.ConfigureAwait(false), isFirst);
        }
        catch (Exception ex)
        {
            // The rest of a notification could not be fetched: it is dropped; a failed first
            // response fails ObserveAsync.
            if (isFirst)
            {
                _first.TrySetException(ex);
                _ = _first.Task.Exception;
                _channel.Writer.TryComplete(ex);
            }
        }
    }
}
