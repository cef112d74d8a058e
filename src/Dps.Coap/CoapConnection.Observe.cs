using System.Buffers.Binary;
using System.Collections.Concurrent;
using Dps.Coap.Internal;
using Dps.Coap.Observe;

namespace Dps.Coap;

public sealed partial class CoapConnection
{
    private readonly ConcurrentDictionary<ulong, CoapObservation> _observations = new();
    private readonly ConcurrentDictionary<TokenKey, ObserverRegistration> _observers = new();

    /// <summary>
    /// Registers for notifications (RFC 7641): sends <paramref name="request"/> (GET or FETCH) with
    /// Observe 0 and returns once the first response arrived. Whether the server accepted shows in
    /// <see cref="CoapObservation.IsRegistered"/>.
    /// </summary>
    /// <exception cref="TimeoutException">No first response within the timeout.</exception>
    /// <exception cref="CoapConnectionException">The connection ended.</exception>
    public async Task<CoapObservation> ObserveAsync(CoapMessage request, CoapRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Code != CoapCode.Get && request.Code != CoapCode.Fetch)
        {
            throw new ArgumentException("Observe needs a GET or FETCH request.", nameof(request));
        }

        ThrowIfNotRunning();
        var timeout = options?.Timeout ?? _options.RequestTimeout;
        CoapConnectionOptions.CheckTimeout(timeout, nameof(options));
        var registration = request.ToBuilder().SetObserve(0).Build();
        var observation = new CoapObservation(this, registration, _timeProvider);
        await ExchangeAsync(registration, timeout, observation, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await observation.FirstResponse.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await observation.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return observation;
    }

    /// <summary>Fetches the remaining Block2 pieces of a notification (GET without Observe) and joins them.</summary>
    internal Task<CoapMessage> FetchRemainingBlocksAsync(CoapMessage request, CoapMessage first) =>
        DownloadAsync(request, first, _options.RequestTimeout, CancellationToken.None);

    internal void AddObservation(CoapObservation observation) =>
        _observations[BinaryPrimitives.ReadUInt64BigEndian(observation.Token.Span)] = observation;

    internal void RemoveObservation(CoapObservation observation)
    {
        if (observation.Token.Length == 8)
        {
            _observations.TryRemove(new KeyValuePair<ulong, CoapObservation>(
                BinaryPrimitives.ReadUInt64BigEndian(observation.Token.Span), observation));
        }
    }

    internal async Task DeregisterAsync(CoapObservation observation, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            return;
        }

        var request = observation.Request.ToBuilder().SetObserve(1).Build();
        await ExchangeAsync(request, _options.RequestTimeout, null, observation.Token.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    internal void DeregisterInBackground(CoapObservation observation) => _ = Task.Run(async () =>
    {
        try
        {
            await DeregisterAsync(observation, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.BackgroundSendFailed(_logger, CoapCode.Get, ex);
        }
    });

    /// <summary>Handles Observe 0/1 on an incoming request: a new registration or a deregistration ends the old one on that token.</summary>
    private TokenKey BeginObserveRequest(CoapMessage request)
    {
        var key = TokenKey.From(request.Token.Span);
        if (request.Observe is 0 or 1 && _observers.TryRemove(key, out var previous))
        {
            previous.End();
        }

        return key;
    }

    internal ObserverRegistration CreateObserver(CoapMessage request) => new(this, request);

    internal void RemoveObserver(ObserverRegistration observer) =>
        _observers.TryRemove(new KeyValuePair<TokenKey, ObserverRegistration>(observer.Key, observer));

    internal Task SendNotificationAsync(ObserverRegistration observer, CoapMessage notification, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            throw CreateClosedException();
        }

        return SendResponseAsync(observer.Request, notification, null, cancellationToken);
    }

    private void EndObservations(CoapConnectionException reason)
    {
        foreach (var pair in _observations)
        {
            pair.Value.OnConnectionEnded(reason);
        }

        foreach (var pair in _observers)
        {
            pair.Value.End();
        }
    }
}
