using System.Collections.Concurrent;
using Dps.Coap;
using Dps.Coap.Observe;
using Dps.Security;
using Dps.Service.Identity;
using Dps.Service.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Service.Hub;

/// <summary>
/// Serves hub gateway connections: dispatches to <see cref="HubRequestHandler"/>, keeps which
/// device is online on which connection, reads and observes the device's <c>/oic/res</c> after
/// sign-in (device twin, PROTOCOL §7.11; failures are logged, never fatal) and forwards requests
/// to online devices (<see cref="ForwardAsync"/>).
/// </summary>
internal sealed class HubEndpoint : ICoapHandler
{
    /// <summary>Key of the <see cref="HubSession"/> in <see cref="CoapConnection.Items"/>.</summary>
    public const string SessionItem = "hub.session";

    private const string TrackedItem = "hub.device";

    private readonly HubRequestHandler _handler;
    private readonly HubDeviceStore _devices;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CoapConnection> _online = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ReadOnlyMemory<byte>> _twins = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the endpoint.</summary>
    public HubEndpoint(HubRequestHandler handler, HubDeviceStore devices, TimeProvider timeProvider, ILogger? logger = null)
    {
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _devices = devices ?? throw new ArgumentNullException(nameof(devices));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Wait between an error answer and the close (plgd closes ~10 ms after an auth error). Default 100 ms.</summary>
    public TimeSpan CloseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Timeout of the twin's requests and of forwarded requests. Default 10 s.</summary>
    public TimeSpan DeviceRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether <paramref name="deviceId"/> has a live hub connection.</summary>
    public bool IsOnline(string deviceId) => _online.ContainsKey(deviceId);

    /// <summary>The live hub connection of <paramref name="deviceId"/>, or null.</summary>
    public CoapConnection? GetConnection(string deviceId) =>
        _online.TryGetValue(deviceId, out var connection) && connection.IsConnected ? connection : null;

    /// <summary>The device's last <c>/oic/res</c> batch representation (CBOR), if observed.</summary>
    public bool TryGetTwin(string deviceId, out ReadOnlyMemory<byte> representation) => _twins.TryGetValue(deviceId, out representation);

    /// <summary>For <see cref="CoapListenerOptions.OnConnected"/>: creates the session from the identity certificate.</summary>
    public Task OnConnectedAsync(CoapConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var session = GetSession(connection);
        _logger.LogDebug("Hub connection from {Remote} (certificate device {DeviceId})", connection.RemoteEndPoint, session.CertificateDeviceId);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async ValueTask<CoapMessage> HandleAsync(CoapRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = context.Connection;
        var session = GetSession(connection);
        var wasLoggedIn = session.LoggedIn;
        var reply = await _handler.HandleAsync(session, context.Request, cancellationToken).ConfigureAwait(false);
        if (session.DeviceId is { } deviceId
            && !(connection.Items.TryGetValue(TrackedItem, out var tracked) && deviceId.Equals(tracked as string, StringComparison.OrdinalIgnoreCase)))
        {
            connection.Items[TrackedItem] = deviceId;
            _online[deviceId] = connection;
            _ = connection.Completion.ContinueWith(_ => GoOfflineAsync(deviceId, connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (!wasLoggedIn && session.LoggedIn && session.DeviceId is { } signedIn)
        {
            _ = Task.Run(() => StartTwinAsync(connection, signedIn), CancellationToken.None);
        }

        if (reply.Drop || reply.Response is null)
        {
            connection.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException("The connection was dropped by an injected fault.", cancellationToken);
        }

        if (reply.CloseAfter)
        {
            if (reply.Response.Code.IsError)
            {
                // The diagnostic says why (bad token, di mismatch…): no secrets in it.
                _logger.LogInformation(
                    "Hub answered {Code} to {Path} from {Remote}: {Reason}",
                    reply.Response.Code,
                    context.Request.UriPath,
                    connection.RemoteEndPoint,
                    System.Text.Encoding.UTF8.GetString(reply.Response.Payload.Span));
            }

            _ = CloseLaterAsync(connection);
        }

        return reply.Response;
    }

    /// <summary>Sends <paramref name="request"/> to the online device <paramref name="deviceId"/>; null when it is offline.</summary>
    /// <exception cref="CoapConnectionException">The connection failed or the request timed out.</exception>
    public async Task<CoapMessage?> ForwardAsync(string deviceId, CoapMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_online.TryGetValue(deviceId, out var connection) || !connection.IsConnected)
        {
            return null;
        }

        return await connection.SendAsync(request, new CoapRequestOptions { Timeout = DeviceRequestTimeout }, cancellationToken).ConfigureAwait(false);
    }

    private static HubSession GetSession(CoapConnection connection)
    {
        if (connection.Items.TryGetValue(SessionItem, out var existing) && existing is HubSession session)
        {
            return session;
        }

        string? certificateId = null;
        if (connection.RemoteCertificate is { } leaf && OcfCertificates.TryGetDeviceId(leaf, out var id))
        {
            certificateId = DeviceUuid.Format(id);
        }

        lock (connection.Items)
        {
            if (connection.Items.TryGetValue(SessionItem, out existing) && existing is HubSession raced)
            {
                return raced;
            }

            session = new HubSession(certificateId);
            connection.Items[SessionItem] = session;
            return session;
        }
    }

    private async Task GoOfflineAsync(string deviceId, CoapConnection connection)
    {
        if (!((ICollection<KeyValuePair<string, CoapConnection>>)_online).Remove(new KeyValuePair<string, CoapConnection>(deviceId, connection)))
        {
            return;
        }

        try
        {
            await _devices.SetOnlineAsync(deviceId, false).ConfigureAwait(false);
            _logger.LogInformation("Hub device {DeviceId} went offline", deviceId);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not mark hub device {DeviceId} offline", deviceId);
        }
    }

    private async Task CloseLaterAsync(CoapConnection connection)
    {
        try
        {
            await Task.Delay(CloseDelay, _timeProvider, CancellationToken.None).ConfigureAwait(false);
            await connection.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CoapConnectionException or IOException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Closing {Remote} after an error answer failed", connection.RemoteEndPoint);
        }
    }

    private async Task StartTwinAsync(CoapConnection connection, string deviceId)
    {
        var options = new CoapRequestOptions { Timeout = DeviceRequestTimeout };
        try
        {
            var links = await connection.SendAsync(
                CoapMessage.Request(CoapCode.Get, "/oic/res?if=oic.if.ll").SetAccept(CoapContentFormat.OcfCbor).Build(),
                options).ConfigureAwait(false);
            _logger.LogInformation("Hub device {DeviceId}: /oic/res answered {Code} ({Length} bytes)", deviceId, links.Code, links.Payload.Length);
            var observation = await connection.ObserveAsync(
                CoapMessage.Request(CoapCode.Get, "/oic/res?if=oic.if.b").SetAccept(CoapContentFormat.OcfCbor).SetObserve(0).Build(),
                options).ConfigureAwait(false);
            await using (observation.ConfigureAwait(false))
            {
                if (!observation.Response.Code.IsSuccess)
                {
                    _logger.LogInformation("Hub device {DeviceId}: observing /oic/res?if=oic.if.b answered {Code}", deviceId, observation.Response.Code);
                    return;
                }

                _twins[deviceId] = observation.Response.Payload;
                await foreach (var notification in observation.Notifications.ReadAllAsync().ConfigureAwait(false))
                {
                    if (notification.Code.IsSuccess)
                    {
                        _twins[deviceId] = notification.Payload;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is CoapConnectionException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            _logger.LogInformation("Hub device {DeviceId}: device twin stopped ({Reason})", deviceId, ex.Message);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Hub device {DeviceId}: device twin failed", deviceId);
        }
    }
}
