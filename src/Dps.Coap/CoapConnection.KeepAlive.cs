using Dps.Coap.Internal;

namespace Dps.Coap;

public sealed partial class CoapConnection
{
    private ITimer? _keepAliveTimer;
    private int _keepAliveMisses;
    private int _keepAliveInFlight;

    /// <summary>Starts the periodic keep-alive timer: each tick sends a Ping unless one is still out.</summary>
    private void StartKeepAlive(TimeSpan interval) =>
        _keepAliveTimer = _timeProvider.CreateTimer(static state => ((CoapConnection)state!).OnKeepAliveTick(), this, interval, interval);

    private void OnKeepAliveTick()
    {
        if (!IsConnected || Interlocked.Exchange(ref _keepAliveInFlight, 1) == 1)
        {
            return;
        }

        var ping = CoapMessage.Create(CoapCode.Ping);
        var exchange = new PendingExchange(ping, _options.KeepAliveTimeout, null)
        {
            Answered = OnKeepAliveAnswered,
            TimedOut = OnKeepAliveTimeout,
        };
        _ = KeepAlivePingAsync(ping, exchange);
    }

    private async Task KeepAlivePingAsync(CoapMessage ping, PendingExchange exchange)
    {
        try
        {
            await ExchangeAsync(ping, _options.KeepAliveTimeout, null, null, CancellationToken.None, exchange).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or CoapConnectionException)
        {
            // Counted by OnKeepAliveTimeout, or the connection ended.
        }
        finally
        {
            Volatile.Write(ref _keepAliveInFlight, 0);
        }
    }

    private void OnKeepAliveAnswered()
    {
        Volatile.Write(ref _keepAliveMisses, 0);
        Volatile.Write(ref _keepAliveInFlight, 0);
    }

    /// <summary>Runs synchronously in the timeout callback, so misses are counted without racing the next tick.</summary>
    private void OnKeepAliveTimeout()
    {
        Volatile.Write(ref _keepAliveInFlight, 0);
        int misses = Interlocked.Increment(ref _keepAliveMisses);
        Log.KeepAliveMissed(_logger, misses, _options.KeepAliveMaxMisses, EndPointText);
        if (misses >= _options.KeepAliveMaxMisses)
        {
            Shutdown(new CoapConnectionException(
                CoapConnectionErrorKind.KeepAliveTimeout, $"{misses} keep-alive pings went unanswered."));
        }
    }
}
