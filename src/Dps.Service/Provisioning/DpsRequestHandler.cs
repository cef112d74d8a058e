using System.Security.Cryptography;
using System.Text;
using Dps.Coap;
using Dps.Security;
using Dps.Service.Certificates;
using Dps.Service.Configuration;
using Dps.Service.Faults;
using Dps.Service.Identity;
using Dps.Service.Payloads;
using Dps.Service.Records;
using Dps.Service.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Service.Provisioning;

/// <summary>
/// The five DPS handlers (PROTOCOL §2.4–2.8, §8.3–8.5) independent of the network: one CoAP request
/// of a session in, one <see cref="DpsReply"/> out. Consults the <see cref="FaultPlan"/>, writes the
/// provisioning record after each step. Thread-safe; one instance serves every connection.
/// </summary>
internal sealed class DpsRequestHandler
{
    /// <summary>The time path.</summary>
    public const string TimePath = "/x.plgd.dev/time";

    /// <summary>The ownership path.</summary>
    public const string OwnershipPath = "/api/v1/provisioning/ownership";

    /// <summary>The cloud-configuration path.</summary>
    public const string CloudConfigurationPath = "/api/v1/provisioning/cloud-configuration";

    /// <summary>The credentials path.</summary>
    public const string CredentialsPath = "/api/v1/provisioning/credentials";

    /// <summary>The ACL path.</summary>
    public const string AclsPath = "/api/v1/provisioning/acls";

    // Unterminated indefinite-length map: what a malformed-CBOR fault sends.
    private static readonly byte[] s_malformedCbor = [0xBF, 0x61, 0x61];

    private readonly ServiceConfig _config;
    private readonly FaultPlan _faults;
    private readonly TokenAuthority _tokens;
    private readonly ICertificateAuthority _certificateAuthority;
    private readonly ProvisioningRecordStore _records;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    public DpsRequestHandler(
        ServiceConfig config,
        FaultPlan faults,
        TokenAuthority tokens,
        ICertificateAuthority certificateAuthority,
        ProvisioningRecordStore records,
        TimeProvider timeProvider,
        ILogger<DpsRequestHandler>? logger = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _faults = faults ?? throw new ArgumentNullException(nameof(faults));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _certificateAuthority = certificateAuthority ?? throw new ArgumentNullException(nameof(certificateAuthority));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Handles one request of <paramref name="session"/>.</summary>
    public async ValueTask<DpsReply> HandleAsync(DpsSession session, CoapMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var path = request.UriPath;
        (FaultStep Step, CoapCode Method)? route = path switch
        {
            TimePath => (FaultStep.Time, CoapCode.Get),
            OwnershipPath => (FaultStep.Ownership, CoapCode.Get),
            CloudConfigurationPath => (FaultStep.CloudConfiguration, CoapCode.Post),
            CredentialsPath => (FaultStep.Credentials, CoapCode.Post),
            AclsPath => (FaultStep.Acls, CoapCode.Get),
            _ => null,
        };

        if (route is null)
        {
            return Error(request, CoapCode.NotFound, $"unknown path '{path}'");
        }

        var (step, method) = route.Value;
        var stepName = FaultRule.StepName(step);
        if (session.Group is not { } group)
        {
            return Error(request, CoapCode.Forbidden, "the device matches no enrollment group");
        }

        if (request.Code != method)
        {
            return await FailAsync(session, step, request, CoapCode.Forbidden, $"method {request.Code} is not allowed on {path}", cancellationToken).ConfigureAwait(false);
        }

        Fault? terminal = null;
        foreach (var fault in _faults.TakeAll(step))
        {
            Log.FaultInjected(_logger, stepName, session.ManufacturerCertificateId, FaultRule.KindName(fault.Kind));
            if (fault.Kind == FaultKind.Delay)
            {
                await Task.Delay(fault.Delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                terminal ??= fault;
            }
        }

        switch (terminal?.Kind)
        {
            case FaultKind.NoResponse:
                // Held until the connection ends (the device gives up on its request timeout).
                await Task.Delay(Timeout.InfiniteTimeSpan, _timeProvider, cancellationToken).ConfigureAwait(false);
                return DpsReply.DropConnection();
            case FaultKind.Respond:
                return await FailAsync(session, step, request, terminal.Code, $"injected {terminal.Code}", cancellationToken).ConfigureAwait(false);
            case FaultKind.Drop:
                await RecordAsync(session, step, Status(CoapCode.Empty, "injected drop"), cancellationToken).ConfigureAwait(false);
                return DpsReply.DropConnection();
            case FaultKind.MalformedCbor:
                await RecordAsync(session, step, Status(SuccessCode(step), "injected malformed CBOR"), cancellationToken).ConfigureAwait(false);
                return DpsReply.Send(Cbor(request, SuccessCode(step), s_malformedCbor));
        }

        try
        {
            var reply = step switch
            {
                FaultStep.Time => await TimeAsync(session, request, cancellationToken).ConfigureAwait(false),
                FaultStep.Ownership => await OwnershipAsync(session, group, request, terminal, cancellationToken).ConfigureAwait(false),
                FaultStep.CloudConfiguration => await CloudConfigurationAsync(session, group, request, cancellationToken).ConfigureAwait(false),
                FaultStep.Credentials => await CredentialsAsync(session, group, request, terminal, cancellationToken).ConfigureAwait(false),
                _ => await AclsAsync(session, group, request, cancellationToken).ConfigureAwait(false),
            };
            return AlterBody(request, reply, step == FaultStep.Ownership && terminal?.Kind == FaultKind.RedirectUri ? null : terminal);
        }
        catch (PayloadFormatException ex)
        {
            Log.BadRequest(_logger, stepName, session.ManufacturerCertificateId, ex.Message);
            return await FailAsync(session, step, request, CoapCode.BadRequest, ex.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (CertificateRequestException ex)
        {
            Log.BadRequest(_logger, stepName, session.ManufacturerCertificateId, ex.Message);
            return await FailAsync(session, step, request, CoapCode.BadRequest, ex.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StepFailed(_logger, stepName, session.ManufacturerCertificateId, ex);
            return await FailAsync(session, step, request, CoapCode.InternalServerError, "internal error", cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<DpsReply> TimeAsync(DpsSession session, CoapMessage request, CancellationToken cancellationToken)
    {
        var body = TimeResponse.Encode(_timeProvider.GetUtcNow());
        await BestEffortAsync(session, ct => _records.RecordTimeAsync(session.ManufacturerCertificateId, Status(CoapCode.Content, null), ct), cancellationToken).ConfigureAwait(false);
        return Success(session, FaultStep.Time, request, CoapCode.Content, body);
    }

    private async ValueTask<DpsReply> OwnershipAsync(DpsSession session, EnrollmentGroup group, CoapMessage request, Fault? fault, CancellationToken cancellationToken)
    {
        var redirect = fault?.Kind == FaultKind.RedirectUri ? fault.RedirectUri : null;
        var body = OwnershipResponse.Encode(group.OwnerUuid, redirect);
        await BestEffortAsync(session, ct => _records.RecordOwnershipAsync(session.ManufacturerCertificateId,
            new OwnershipRecord(Status(CoapCode.Content, null), DeviceUuid.Format(group.OwnerUuid)),
            ct), cancellationToken).ConfigureAwait(false);
        return Success(session, FaultStep.Ownership, request, CoapCode.Content, body);
    }

    private async ValueTask<DpsReply> CloudConfigurationAsync(DpsSession session, EnrollmentGroup group, CoapMessage request, CancellationToken cancellationToken)
    {
        var body = CloudConfigurationRequest.Parse(request.Payload);
        var selection = HubSelection.Select(group, body.SelectedGateway);
        var token = _tokens.ForHub(selection.Hub).Issue(group.Owner, body.DeviceId, _config.Tokens.DpsTokenLifetime);
        var response = selection.ToResponse(token);
        await BestEffortAsync(session, ct => _records.RecordCloudAsync(session.ManufacturerCertificateId,
            new CloudRecord(Status(CoapCode.Changed, null), selection.Hub.ProviderName, selection.Servers, selection.SelectedIndex),
            body.DeviceId is { Length: > 0 } di ? di : null,
            ct), cancellationToken).ConfigureAwait(false);
        return Success(session, FaultStep.CloudConfiguration, request, CoapCode.Changed, response.Encode());
    }

    private async ValueTask<DpsReply> CredentialsAsync(DpsSession session, EnrollmentGroup group, CoapMessage request, Fault? fault, CancellationToken cancellationToken)
    {
        if (request.ContentFormat is { } format && !CoapContentFormat.IsCbor(format))
        {
            throw new PayloadFormatException($"content format {format} is not CBOR");
        }

        var body = CredentialsRequest.Parse(request.Payload);
        var selection = HubSelection.Select(group, body.SelectedGateway);
        var now = _timeProvider.GetUtcNow();
        var notBefore = now - _config.Certificates.Backdate;
        var notAfter = notBefore + _config.Certificates.Validity;
        if (fault?.Kind == FaultKind.ShortLivedCertificate)
        {
            notBefore = now;
            notAfter = now + fault.CertificateLifetime;
        }

        var csrPem = body.CsrPem;
        if (fault?.Kind == FaultKind.ExpiredCertificate)
        {
            notBefore = now - TimeSpan.FromHours(2);
            notAfter = now - TimeSpan.FromHours(1);
        }
        else if (fault?.Kind == FaultKind.ForeignKeyCertificate)
        {
            // Same subject, another key: the certificate cannot pair with the device's private key.
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            csrPem = CertificateSigningRequest.Create(other, CertificateSigningRequest.Parse(body.CsrPem).Subject).ToPem();
        }

        var issued = await _certificateAuthority.IssueIdentityAsync(
            new IdentityCertificateRequest(csrPem, group.OwnerUuid, selection.Hub, notBefore, notAfter),
            cancellationToken).ConfigureAwait(false);
        if (issued.ChainPem.Count < 2)
        {
            return await FailAsync(session, FaultStep.Credentials, request, CoapCode.InternalServerError, "the CA returned an incomplete chain", cancellationToken).ConfigureAwait(false);
        }

        var response = CredentialsResponse.FromChain(group.OwnerUuid, issued.DeviceId, issued.ChainPem, group.PreSharedKey);
        if (selection.Hub.CaPoolFile is { } caPool)
        {
            response = response with { TrustCaPem = await File.ReadAllTextAsync(caPool, cancellationToken).ConfigureAwait(false) };
        }

        var encoded = response.Encode();
        var psk = group.PreSharedKey is { } key
            ? new PreSharedKeyRecord(DeviceUuid.Format(group.OwnerUuid), Convert.ToBase64String(key.Span[..CredentialsResponse.PreSharedKeyLength]))
            : null;
        await BestEffortAsync(session, ct => _records.RecordCredentialAsync(session.ManufacturerCertificateId,
            new CredentialRecord(Status(CoapCode.Changed, null), response.IdentityChainPem, psk, response.TrustCaPem),
            issued.DeviceId,
            ct), cancellationToken).ConfigureAwait(false);
        return Success(session, FaultStep.Credentials, request, CoapCode.Changed, encoded);
    }

    private async ValueTask<DpsReply> AclsAsync(DpsSession session, EnrollmentGroup group, CoapMessage request, CancellationToken cancellationToken)
    {
        var hubIds = group.Hubs.Select(h => h.HubId).Distinct().ToList();
        var body = AclsResponse.Encode(group.OwnerUuid, hubIds);
        var subjects = new List<string> { DeviceUuid.Format(group.OwnerUuid), "anon-clear" };
        subjects.AddRange(hubIds.Select(DeviceUuid.Format));
        await BestEffortAsync(session, ct => _records.RecordAclAsync(session.ManufacturerCertificateId, new AclRecord(Status(CoapCode.Content, null), subjects), ct), cancellationToken).ConfigureAwait(false);
        return Success(session, FaultStep.Acls, request, CoapCode.Content, body);
    }

    private static DpsReply AlterBody(CoapMessage request, DpsReply reply, Fault? fault)
    {
        if (fault is null || reply.Response is not { } response || response.Code.IsError || reply.CloseAfter)
        {
            return reply;
        }

        var body = response.Payload.ToArray();
        var altered = FaultBody.Apply(body, fault);
        return ReferenceEquals(altered, body) ? reply : DpsReply.Send(Cbor(request, response.Code, altered));
    }

    private DpsReply Success(DpsSession session, FaultStep step, CoapMessage request, CoapCode code, byte[] body)
    {
        Log.StepAnswered(_logger, FaultRule.StepName(step), session.ManufacturerCertificateId, code.ToString());
        return DpsReply.Send(Cbor(request, code, body));
    }

    private async ValueTask<DpsReply> FailAsync(DpsSession session, FaultStep step, CoapMessage request, CoapCode code, string message, CancellationToken cancellationToken)
    {
        Log.StepAnswered(_logger, FaultRule.StepName(step), session.ManufacturerCertificateId, code.ToString());
        await RecordAsync(session, step, Status(code, message), cancellationToken).ConfigureAwait(false);
        return Error(request, code, message);
    }

    private ValueTask RecordAsync(DpsSession session, FaultStep step, ProvisioningStatus status, CancellationToken cancellationToken)
    {
        var id = session.ManufacturerCertificateId;
        return step switch
        {
            FaultStep.Time => BestEffortAsync(session, ct => _records.RecordTimeAsync(id, status, ct), cancellationToken),
            FaultStep.Ownership => BestEffortAsync(session, ct => _records.RecordOwnershipAsync(id, new OwnershipRecord(status, null), ct), cancellationToken),
            FaultStep.CloudConfiguration => BestEffortAsync(session, ct => _records.RecordCloudAsync(id, new CloudRecord(status, null, [], -1), null, ct), cancellationToken),
            FaultStep.Credentials => BestEffortAsync(session, ct => _records.RecordCredentialAsync(id, new CredentialRecord(status, null, null, null), null, ct), cancellationToken),
            _ => BestEffortAsync(session, ct => _records.RecordAclAsync(id, new AclRecord(status, []), ct), cancellationToken),
        };
    }

    private async ValueTask BestEffortAsync(DpsSession session, Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        try
        {
            await write(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RecordWriteFailed(_logger, session.ManufacturerCertificateId, ex);
        }
    }

    private ProvisioningStatus Status(CoapCode code, string? error) => new(_timeProvider.GetUtcNow(), code.Value, error);

    private static CoapCode SuccessCode(FaultStep step) =>
        step is FaultStep.CloudConfiguration or FaultStep.Credentials ? CoapCode.Changed : CoapCode.Content;

    private static CoapMessage Cbor(CoapMessage request, CoapCode code, byte[] body) =>
        CoapMessage.ResponseTo(request, code).SetPayload(body, CoapContentFormat.OcfCbor).Build();

    private static DpsReply Error(CoapMessage request, CoapCode code, string message) =>
        DpsReply.SendAndClose(CoapMessage.ResponseTo(request, code).SetPayload(Encoding.UTF8.GetBytes(message)).Build());
}
