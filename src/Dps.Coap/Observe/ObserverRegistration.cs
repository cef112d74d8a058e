using Dps.Coap.Internal;

namespace Dps.Coap.Observe;

/// <summary>The connection's side of one accepted Observe registration.</summary>
internal sealed class ObserverRegistration : ICoapObserver
{
    private readonly CoapConnection _connection;
    private readonly CancellationTokenSource _ended = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private uint _sequence = 1;
    private int _active = 1;

    public ObserverRegistration(CoapConnection connection, CoapMessage request)
    {
        _connection = connection;
        Request = request;
        Key = TokenKey.From(request.Token.Span);
        Ended = _ended.Token;
    }

    public CoapMessage Request { get; }

    public TokenKey Key { get; }

    public bool IsActive => Volatile.Read(ref _active) == 1;

    public CancellationToken Ended { get; }

    /// <summary>The next 24-bit sequence number; callers hold the send lock or send the first response.</summary>
    public uint NextSequence()
    {
        _sequence = (_sequence + 1) & ObserveSequence.Mask;
        return _sequence;
    }

    public void MarkStarted() => _started.TrySetResult();

    public async ValueTask NotifyAsync(CoapMessage notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!notification.Code.IsResponse)
        {
            throw new ArgumentException($"{notification.Code} is not a response code.", nameof(notification));
        }

        ThrowIfEnded();
        await _started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            bool final = !notification.Code.IsSuccess;
            var builder = notification.ToBuilder().SetToken(Request.Token);
            if (final)
            {
                builder.RemoveOption(CoapOptionNumber.Observe);
            }
            else
            {
                builder.SetObserve(NextSequence());
            }

            await _connection.SendNotificationAsync(this, builder.Build(), cancellationToken).ConfigureAwait(false);
            if (final)
            {
                End();
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Ends the registration (idempotent).</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _active, 0) == 0)
        {
            return;
        }

        _started.TrySetException(new InvalidOperationException("The observation ended before its first response was sent."));
        _ = _started.Task.Exception;
        _connection.RemoveObserver(this);
        try
        {
            _ended.Cancel();
        }
        catch (AggregateException)
        {
            // Callbacks registered by the application threw; nothing we can do here.
        }
    }

    public ValueTask DisposeAsync()
    {
        End();
        return ValueTask.CompletedTask;
    }

    private void ThrowIfEnded()
    {
        if (!IsActive)
        {
            throw new InvalidOperationException("The observation has ended.");
        }
    }
}
