using System.Text;
using Dps.Coap;
using Dps.Service.Faults;
using Dps.Service.Payloads;
using Dps.Service.Provisioning;
using Dps.Service.Records;
using Dps.Service.Tokens;

namespace Dps.Service.Hub;

/// <summary>
/// The hub gateway's account, session, token-refresh and resource-directory handlers (PROTOCOL
/// §7.5–§7.10) independent of the network. Error replies ask the connection to close (plgd closes
/// ~10 ms after an auth error).
/// </summary>
internal sealed class HubRequestHandler
{
    /// <summary>Sign-up / sign-off path.</summary>
    public const string AccountPath = "/oic/sec/account";

    /// <summary>Sign-in / sign-out path.</summary>
    public const string SessionPath = "/oic/sec/session";

    /// <summary>Token refresh path.</summary>
    public const string TokenRefreshPath = "/oic/sec/tokenrefresh";

    /// <summary>Resource directory path.</summary>
    public const string ResourceDirectoryPath = "/oic/rd";

    private static readonly byte[] s_malformedCbor = [0xBF, 0x61, 0x61];

    private readonly AccessTokenService _tokens;
    private readonly HubGatewayOptions _options;
    private readonly HubDeviceStore _devices;
    private readonly FaultPlan _faults;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler; <paramref name="tokens"/> validates DPS tokens and issues hub tokens (same key and claim names).</summary>
    public HubRequestHandler(AccessTokenService tokens, HubGatewayOptions options, HubDeviceStore devices, FaultPlan faults, TimeProvider timeProvider)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _devices = devices ?? throw new ArgumentNullException(nameof(devices));
        _faults = faults ?? throw new ArgumentNullException(nameof(faults));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Handles one request of <paramref name="session"/>.</summary>
    public async ValueTask<DpsReply> HandleAsync(HubSession session, CoapMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return (request.UriPath, request.Code.Value) switch
            {
                (AccountPath, 2) => await SignUpAsync(session, request, cancellationToken).ConfigureAwait(false),
                (AccountPath, 4) => await SignOffAsync(session, request, cancellationToken).ConfigureAwait(false),
                (SessionPath, 2) => await SessionAsync(session, request, cancellationToken).ConfigureAwait(false),
                (TokenRefreshPath, 2) => await RefreshAsync(session, request, cancellationToken).ConfigureAwait(false),
                (ResourceDirectoryPath, 2) => await PublishAsync(session, request, cancellationToken).ConfigureAwait(false),
                (ResourceDirectoryPath, 4) => await UnpublishAsync(session, request, cancellationToken).ConfigureAwait(false),
                (ResourceDirectoryPath, 1) => DpsReply.Send(Cbor(request, CoapCode.Content, PublishResponse.EncodeSelection())),
                (AccountPath or SessionPath or TokenRefreshPath or ResourceDirectoryPath, _) => Error(request, CoapCode.MethodNotAllowed, "method not allowed"),
                _ => Error(request, CoapCode.NotFound, $"unknown path '{request.UriPath}'"),
            };
        }
        catch (PayloadFormatException ex)
        {
            return Error(request, CoapCode.BadRequest, ex.Message);
        }
    }

    private async ValueTask<DpsReply> SignUpAsync(HubSession session, CoapMessage request, CancellationToken cancellationToken)
    {
        var body = SignUpRequest.Parse(request.Payload);
        var (faultReply, redirect) = await ApplyFaultsAsync(FaultStep.HubSignUp, request, CoapCode.Changed, cancellationToken).ConfigureAwait(false);
        if (faultReply is not null)
        {
            return faultReply;
        }

        var validation = _tokens.Validate(body.AccessToken);
        if (!validation.IsValid)
        {
            return Error(request, CoapCode.Unauthorized, $"invalid access token ({validation.Error})");
        }

        if (CheckDevice(session, body.DeviceId, validation.Claims!) is { } reason)
        {
            return Error(request, CoapCode.Unauthorized, reason);
        }

        var owner = validation.Claims!.Owner;
        await _devices.RegisterAsync(body.DeviceId, owner, cancellationToken).ConfigureAwait(false);
        session.DeviceId = body.DeviceId;
        session.Owner = owner;
        var token = _tokens.Issue(owner, body.DeviceId, _options.TokenLifetime);
        var response = new SignUpResponse(token, owner, token, redirect ?? string.Empty, (long)_options.TokenLifetime.TotalSeconds);
        return DpsReply.Send(Cbor(request, CoapCode.Changed, response.Encode()));
    }

    private async ValueTask<DpsReply> SessionAsync(HubSession session, CoapMessage request, CancellationToken cancellationToken)
    {
        var body = SignInRequest.Parse(request.Payload);
        if (!body.Login)
        {
            await _devices.SetLoggedInAsync(body.DeviceId, false, cancellationToken).ConfigureAwait(false);
            session.LoggedIn = false;
            return DpsReply.Send(Cbor(request, CoapCode.Changed, SignInResponse.EncodeSignOut()));
        }

        var (faultReply, _) = await ApplyFaultsAsync(FaultStep.HubSignIn, request, CoapCode.Changed, cancellationToken).ConfigureAwait(false);
        if (faultReply is not null)
        {
            return faultReply;
        }

        var validation = _tokens.Validate(body.AccessToken);
        if (!validation.IsValid)
        {
            return Error(request, CoapCode.Unauthorized, $"invalid access token ({validation.Error})");
        }

        var claims = validation.Claims!;
        if (claims.Owner != body.UserId)
        {
            return Error(request, CoapCode.Unauthorized, "uid does not match the token owner");
        }

        if (CheckDevice(session, body.DeviceId, claims) is { } reason)
        {
            return Error(request, CoapCode.Unauthorized, reason);
        }

        var margin = 2 * _options.OwnerCacheExpiration;
        var left = claims.ExpiresAt - _timeProvider.GetUtcNow() - margin;
        if (left <= TimeSpan.Zero)
        {
            return Error(request, CoapCode.Unauthorized, "the access token expires too soon");
        }

        var device = await _devices.GetAsync(body.DeviceId, cancellationToken).ConfigureAwait(false);
        if (device is null || !device.Registered || device.Owner != claims.Owner)
        {
            return Error(request, CoapCode.Unauthorized, "the device is not registered for this owner");
        }

        await _devices.SetLoggedInAsync(body.DeviceId, true, cancellationToken).ConfigureAwait(false);
        session.DeviceId = body.DeviceId;
        session.Owner = claims.Owner;
        session.LoggedIn = true;
        return DpsReply.Send(Cbor(request, CoapCode.Changed, SignInResponse.Encode((long)left.TotalSeconds)));
    }

    private async ValueTask<DpsReply> RefreshAsync(HubSession session, CoapMessage request, CancellationToken cancellationToken)
    {
        var body = TokenRefreshRequest.Parse(request.Payload);
        var (faultReply, _) = await ApplyFaultsAsync(FaultStep.HubRefresh, request, CoapCode.Changed, cancellationToken).ConfigureAwait(false);
        if (faultReply is not null)
        {
            return faultReply;
        }

        var validation = _tokens.Validate(body.RefreshToken);
        if (!validation.IsValid)
        {
            return Error(request, CoapCode.Unauthorized, $"invalid refresh token ({validation.Error})");
        }

        if (validation.Claims!.Owner != body.UserId)
        {
            return Error(request, CoapCode.Unauthorized, "uid does not match the token owner");
        }

        if (CheckDevice(session, body.DeviceId, validation.Claims) is { } reason)
        {
            return Error(request, CoapCode.Unauthorized, reason);
        }

        var token = _tokens.Issue(body.UserId, body.DeviceId, _options.TokenLifetime);
        return DpsReply.Send(Cbor(request, CoapCode.Changed, new TokenRefreshResponse(token, token, (long)_options.TokenLifetime.TotalSeconds).Encode()));
    }

    private async ValueTask<DpsReply> SignOffAsync(HubSession session, CoapMessage request, CancellationToken cancellationToken)
    {
        var deviceId = request.GetQueryParameter("di") ?? session.DeviceId;
        if (string.IsNullOrEmpty(deviceId))
        {
            return Error(request, CoapCode.BadRequest, "di is missing");
        }

        if (session.CertificateDeviceId is { } certificateId && certificateId != deviceId)
        {
            return Error(request, CoapCode.Forbidden, "di does not match the certificate");
        }

        await _devices.DeleteAsync(deviceId, cancellationToken).ConfigureAwait(false);
        session.LoggedIn = false;
        return DpsReply.Send(CoapMessage.ResponseTo(request, CoapCode.Deleted).Build());
    }

    private async ValueTask<DpsReply> PublishAsync(HubSession session, CoapMessage request, CancellationToken cancellationToken)
    {
        if (!session.LoggedIn)
        {
            return Error(request, CoapCode.Unauthorized, "not signed in");
        }

        var body = PublishRequest.Parse(request.Payload).WithAssignedInstances();
        if (body.DeviceId != session.DeviceId)
        {
            return Error(request, CoapCode.BadRequest, "di does not match the signed-in device");
        }

        await _devices.PublishAsync(body.DeviceId, body.Name, body.Links, cancellationToken).ConfigureAwait(false);
        return DpsReply.Send(Cbor(request, CoapCode.Changed, PublishResponse.Encode(body)));
    }

    private async ValueTask<DpsReply> UnpublishAsync(HubSession session, CoapMessage request, CancellationToken cancellationToken)
    {
        if (!session.LoggedIn)
        {
            return Error(request, CoapCode.Unauthorized, "not signed in");
        }

        var query = UnpublishQuery.Parse(request.UriQuery);
        if (query.DeviceId != session.DeviceId)
        {
            return Error(request, CoapCode.BadRequest, "di does not match the signed-in device");
        }

        if (!await _devices.UnpublishAsync(session.DeviceId!, query.Instances, cancellationToken).ConfigureAwait(false))
        {
            return Error(request, CoapCode.BadRequest, "unknown ins");
        }

        return DpsReply.Send(CoapMessage.ResponseTo(request, CoapCode.Deleted).SetPayload(ReadOnlyMemory<byte>.Empty, CoapContentFormat.TextPlain).Build());
    }

    private string? CheckDevice(HubSession session, string deviceId, AccessTokenClaims claims)
    {
        if (session.CertificateDeviceId is { } certificateId && !string.Equals(certificateId, deviceId, StringComparison.OrdinalIgnoreCase))
        {
            return "di does not match the client certificate";
        }

        if (!string.IsNullOrEmpty(_options.DeviceIdClaim) && claims.DeviceId is { } tokenDevice && !string.Equals(tokenDevice, deviceId, StringComparison.OrdinalIgnoreCase))
        {
            return "di does not match the token";
        }

        return null;
    }

    private async ValueTask<(DpsReply? Reply, string? Redirect)> ApplyFaultsAsync(FaultStep step, CoapMessage request, CoapCode success, CancellationToken cancellationToken)
    {
        Fault? terminal = null;
        foreach (var fault in _faults.TakeAll(step))
        {
            if (fault.Kind == FaultKind.Delay)
            {
                await Task.Delay(fault.Delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                terminal ??= fault;
            }
        }

        if (terminal?.Kind == FaultKind.NoResponse)
        {
            // Held until the connection ends (the device gives up on its request timeout).
            await Task.Delay(Timeout.InfiniteTimeSpan, _timeProvider, cancellationToken).ConfigureAwait(false);
            return (DpsReply.DropConnection(), null);
        }

        return terminal?.Kind switch
        {
            FaultKind.Respond => (Error(request, terminal.Code, $"injected {terminal.Code}"), null),
            FaultKind.Drop => (DpsReply.DropConnection(), null),
            FaultKind.MalformedCbor => (DpsReply.Send(Cbor(request, success, s_malformedCbor)), null),
            FaultKind.RedirectUri => (null, terminal.RedirectUri),
            _ => (null, null),
        };
    }

    private static CoapMessage Cbor(CoapMessage request, CoapCode code, byte[] body) =>
        CoapMessage.ResponseTo(request, code).SetPayload(body, CoapContentFormat.OcfCbor).Build();

    private static DpsReply Error(CoapMessage request, CoapCode code, string message) =>
        DpsReply.SendAndClose(CoapMessage.ResponseTo(request, code).SetPayload(Encoding.UTF8.GetBytes(message)).Build());
}
