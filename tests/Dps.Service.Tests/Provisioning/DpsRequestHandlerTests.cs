using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using Dps.Coap;
using Dps.Service.Certificates;
using Dps.Service.Configuration;
using Dps.Service.Faults;
using Dps.Service.Payloads;
using Dps.Service.Provisioning;
using Dps.Service.Records;
using Dps.Service.Tests.Payloads;
using Dps.Service.Tokens;
using Microsoft.Extensions.Time.Testing;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Provisioning;

[CancelAfter(10_000)]
public class DpsRequestHandlerTests
{
    private const string RecordId = "e4aa6b98-0b75-5b9c-9a16-4c89bda2f247";
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 19, 58, 48, TimeSpan.Zero);
    private string _dir = null!;
    private ServiceDatabase _database = null!;
    private ProvisioningRecordStore _records = null!;
    private FakeTimeProvider _time = null!;
    private ECDsa _key = null!;
    private TokenAuthority _tokens = null!;
    private FakeCertificateAuthority _ca = null!;
    private FaultPlan _faults = null!;
    private EnrollmentGroup _group = null!;
    private DpsRequestHandler _handler = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("dps-service-handler-").FullName;
        _database = await ServiceDatabase.OpenAsync(Path.Combine(_dir, "db"));
        _time = new FakeTimeProvider(s_now);
        _records = new ProvisioningRecordStore(_database, _time);
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _tokens = new TokenAuthority(_key, "dps-service", _time);
        _ca = new FakeCertificateAuthority();
        _faults = new FaultPlan();
        _group = TestGroups.Group("Example Manufacturer CA", TestGroups.Hub(TestGroups.HubA, "coaps+tcp://127.0.0.1:37359"));
        var config = new ServiceConfig
        {
            FilePath = Path.Combine(_dir, "dps-service.yaml"),
            BaseDirectory = _dir,
            DpsTls = new TlsFiles("a", "b"),
            HubTls = new TlsFiles("c", "d"),
            Tokens = new TokenSettings { SigningKeyFile = "k" },
            Certificates = new CertificateSettings(),
            DatabaseFile = "db",
            EnrollmentGroups = [_group],
        };
        _handler = new DpsRequestHandler(config, _faults, _tokens, _ca, _records, _time);
    }

    [TearDown]
    public void TearDown()
    {
        _database.Dispose();
        _key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task Time_Get_AnswersContentWithServerClock(CancellationToken cancellationToken)
    {
        var reply = await HandleAsync(Get(DpsRequestHandler.TimePath), cancellationToken);
        var record = await _records.GetAsync(RecordId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(reply.Response.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(reply.Response.Token.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
            Assert.That(reply.Response.Payload.ToArray(), Is.EqualTo(TimeResponse.Encode(s_now)));
            Assert.That(reply.CloseAfter, Is.False);
            Assert.That(record!.PlgdTime, Is.EqualTo(new ProvisioningStatus(s_now, 69, null)));
        });
    }

    [Test]
    public async Task Ownership_Get_IsGoldenPayload(CancellationToken cancellationToken)
    {
        var reply = await HandleAsync(Get(DpsRequestHandler.OwnershipPath), cancellationToken);

        Assert.That(Convert.ToHexStringLower(reply.Response!.Payload.Span), Is.EqualTo(DevicePayloads.OwnershipResponse));
    }

    [Test]
    public async Task CloudConfiguration_GoldenRequest_AnswersHubAndValidToken(CancellationToken cancellationToken)
    {
        var reply = await HandleAsync(Post(DpsRequestHandler.CloudConfigurationPath, DevicePayloads.Bytes(DevicePayloads.CloudConfigurationRequest)), cancellationToken);
        var fields = ReadTextMap(reply.Response!.Payload);
        var token = _tokens.ForHub(_group.Hubs[0]).Validate(fields["at"]);
        var record = await _records.GetAsync(RecordId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(fields["apn"], Is.EqualTo("plgd"));
            Assert.That(fields["cis"], Is.EqualTo("coaps+tcp://127.0.0.1:37359"));
            Assert.That(fields["sid"], Is.EqualTo("5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b"));
            Assert.That(token.IsValid, Is.True, token.ToString());
            Assert.That(token.Claims!.Owner, Is.EqualTo("1"));
            Assert.That(token.Claims.ExpiresAt, Is.EqualTo(s_now.AddHours(1)));
            Assert.That(record!.DeviceId, Is.EqualTo("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
            Assert.That(record.Cloud!.SelectedGateway, Is.Zero);
            Assert.That(record.Cloud.ProviderName, Is.EqualTo("plgd"));
        });
    }

    [Test]
    public async Task Credentials_GoldenRequest_SignsCsrAndAnswersChain(CancellationToken cancellationToken)
    {
        var reply = await HandleAsync(Post(DpsRequestHandler.CredentialsPath, DevicePayloads.Bytes(DevicePayloads.CredentialsRequest)), cancellationToken);
        var request = _ca.Requests.Single();
        var expected = CredentialsResponse.FromChain(_group.OwnerUuid, "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7", ["LEAF\n", "ROOT\n"], null).Encode();
        var record = await _records.GetAsync(RecordId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(reply.Response.Payload.ToArray(), Is.EqualTo(expected));
            Assert.That(request.CsrPem, Does.StartWith("-----BEGIN CERTIFICATE REQUEST-----\n"));
            Assert.That(request.OwnerUuid, Is.EqualTo(_group.OwnerUuid));
            Assert.That(request.Hub, Is.SameAs(_group.Hubs[0]));
            Assert.That(request.NotBefore, Is.EqualTo(s_now.AddHours(-1)));
            Assert.That(request.NotAfter, Is.EqualTo(s_now.AddHours(-1).AddHours(87600)));
            Assert.That(record!.DeviceId, Is.EqualTo("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
            Assert.That(record.Credential!.IdentityCertificatePem, Is.EqualTo("LEAF\n"));
        });
    }

    [Test]
    public async Task Credentials_GroupWithPsk_PskFirstAndRecorded(CancellationToken cancellationToken)
    {
        _group = _group with { PreSharedKey = "0123456789abcdefXYZ"u8.ToArray() };
        SetUpHandlerWithGroup();

        var reply = await HandleAsync(Post(DpsRequestHandler.CredentialsPath, DevicePayloads.Bytes(DevicePayloads.CredentialsRequest)), cancellationToken);
        var record = await _records.GetAsync(RecordId, cancellationToken);
        var reader = new CborReader(reply.Response!.Payload);
        reader.ReadStartMap();
        reader.ReadTextString();

        Assert.Multiple(() =>
        {
            Assert.That(reader.ReadStartArray(), Is.EqualTo(3));
            Assert.That(record!.Credential!.PreSharedKey, Is.EqualTo(new PreSharedKeyRecord("b80c8fef-a677-5340-85fb-2c162d75df03", Convert.ToBase64String("0123456789abcdef"u8))));
        });
    }

    [Test]
    public async Task Credentials_InvalidCsr_BadRequestAndClose(CancellationToken cancellationToken)
    {
        _ca.Failure = new CertificateRequestException("CN must be uuid:<id>");

        var reply = await HandleAsync(Post(DpsRequestHandler.CredentialsPath, DevicePayloads.Bytes(DevicePayloads.CredentialsRequest)), cancellationToken);
        var record = await _records.GetAsync(RecordId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(Encoding.UTF8.GetString(reply.Response.Payload.Span), Is.EqualTo("CN must be uuid:<id>"));
            Assert.That(reply.Response.ContentFormat, Is.Null);
            Assert.That(reply.CloseAfter, Is.True);
            Assert.That(record!.Credential!.Status.CoapCode, Is.EqualTo(128));
        });
    }

    [Test]
    public async Task Credentials_ShortLivedCertificateFault_ShortValidity(CancellationToken cancellationToken)
    {
        _faults.Add(FaultPlan.ParseJson("""[{"step": "credentials", "kind": "short-lived-certificate", "lifetime": "13s"}]""")[0]);

        await HandleAsync(Post(DpsRequestHandler.CredentialsPath, DevicePayloads.Bytes(DevicePayloads.CredentialsRequest)), cancellationToken);

        Assert.That(_ca.Requests.Single().NotAfter, Is.EqualTo(s_now.AddSeconds(13)));
    }

    [Test]
    public async Task Acls_Get_IsGoldenPayload(CancellationToken cancellationToken)
    {
        var reply = await HandleAsync(Get(DpsRequestHandler.AclsPath), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(Convert.ToHexStringLower(reply.Response.Payload.Span), Is.EqualTo(DevicePayloads.AclsResponse));
        });
    }

    [Test]
    public async Task AnyRequest_NoEnrollmentGroup_ForbiddenAndClose(CancellationToken cancellationToken)
    {
        var reply = await _handler.HandleAsync(new DpsSession(RecordId, null), Get(DpsRequestHandler.TimePath), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Forbidden));
            Assert.That(reply.CloseAfter, Is.True);
        });
    }

    [TestCase("/x.plgd.dev/time", "POST", "4.03")]
    [TestCase("/api/v1/provisioning/cloud-configuration", "GET", "4.03")]
    [TestCase("/api/v1/provisioning/resources", "GET", "4.04")]
    [TestCase("/oic/res", "GET", "4.04")]
    public async Task WrongRoute_AnswersErrorAndClose(string path, string method, string code, CancellationToken cancellationToken)
    {
        var request = method == "GET" ? Get(path) : Post(path, [0xA0]);

        var reply = await HandleAsync(request, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code.ToString(), Is.EqualTo(code));
            Assert.That(reply.CloseAfter, Is.True);
        });
    }

    [Test]
    public async Task CloudConfiguration_MalformedBody_BadRequest(CancellationToken cancellationToken)
    {
        var reply = await HandleAsync(Post(DpsRequestHandler.CloudConfigurationPath, [0xA1, 0x62]), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.BadRequest));
    }

    [Test]
    public async Task Credentials_JsonContentFormat_BadRequest(CancellationToken cancellationToken)
    {
        var request = CoapMessage.Request(CoapCode.Post, DpsRequestHandler.CredentialsPath).SetToken(new byte[8]).SetPayload(DevicePayloads.Bytes(DevicePayloads.CredentialsRequest), CoapContentFormat.Json).Build();

        var reply = await HandleAsync(request, cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.BadRequest));
    }

    [Test]
    public async Task RespondFault_OnceThenNormal(CancellationToken cancellationToken)
    {
        _faults.Add(FaultRule.Respond(FaultStep.Ownership, CoapCode.ServiceUnavailable, 1));

        var first = await HandleAsync(Get(DpsRequestHandler.OwnershipPath), cancellationToken);
        var record = await _records.GetAsync(RecordId, cancellationToken);
        var second = await HandleAsync(Get(DpsRequestHandler.OwnershipPath), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Response!.Code, Is.EqualTo(CoapCode.ServiceUnavailable));
            Assert.That(first.CloseAfter, Is.True);
            Assert.That(record!.Ownership!.Status, Is.EqualTo(new ProvisioningStatus(s_now, 163, "injected 5.03")));
            Assert.That(second.Response!.Code, Is.EqualTo(CoapCode.Content));
        });
    }

    [Test]
    public async Task DelayFault_WaitsOnTimeProvider(CancellationToken cancellationToken)
    {
        _faults.Add(FaultPlan.ParseJson("""[{"step": "acls", "kind": "delay", "delay": "10s"}]""")[0]);

        // The delay timer is armed synchronously, before HandleAsync returns.
        var pending = HandleAsync(Get(DpsRequestHandler.AclsPath), cancellationToken);
        _time.Advance(TimeSpan.FromSeconds(9));
        var completedEarly = pending.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));

        var reply = await pending;

        Assert.Multiple(() =>
        {
            Assert.That(completedEarly, Is.False);
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Content));
        });
    }

    [Test]
    public async Task DropFault_DropsConnection(CancellationToken cancellationToken)
    {
        _faults.Add(FaultPlan.ParseJson("""[{"step": "time", "kind": "drop"}]""")[0]);

        var reply = await HandleAsync(Get(DpsRequestHandler.TimePath), cancellationToken);

        Assert.That(reply, Is.EqualTo(DpsReply.DropConnection()));
    }

    [Test]
    public async Task MalformedCborFault_SuccessCodeWithBrokenBody(CancellationToken cancellationToken)
    {
        _faults.Add(FaultPlan.ParseJson("""[{"step": "cloud-configuration", "kind": "malformed-cbor"}]""")[0]);

        var reply = await HandleAsync(Post(DpsRequestHandler.CloudConfigurationPath, DevicePayloads.Bytes(DevicePayloads.CloudConfigurationRequest)), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(() => CloudConfigurationRequest.Parse(reply.Response.Payload), Throws.TypeOf<PayloadFormatException>());
        });
    }

    [Test]
    public async Task RedirectFault_OwnershipCarriesRedirectUri(CancellationToken cancellationToken)
    {
        _faults.Add(FaultPlan.ParseJson("""[{"step": "ownership", "kind": "redirect-uri", "redirectUri": "coaps+tcp://127.0.0.1:1"}]""")[0]);

        var reply = await HandleAsync(Get(DpsRequestHandler.OwnershipPath), cancellationToken);

        Assert.That(ReadTextMap(reply.Response!.Payload)["redirecturi"], Is.EqualTo("coaps+tcp://127.0.0.1:1"));
    }

    private void SetUpHandlerWithGroup()
    {
        var config = new ServiceConfig
        {
            FilePath = Path.Combine(_dir, "dps-service.yaml"),
            BaseDirectory = _dir,
            DpsTls = new TlsFiles("a", "b"),
            HubTls = new TlsFiles("c", "d"),
            Tokens = new TokenSettings { SigningKeyFile = "k" },
            Certificates = new CertificateSettings(),
            DatabaseFile = "db",
            EnrollmentGroups = [_group],
        };
        _handler = new DpsRequestHandler(config, _faults, _tokens, _ca, _records, _time);
    }

    private Task<DpsReply> HandleAsync(CoapMessage request, CancellationToken cancellationToken) =>
        _handler.HandleAsync(new DpsSession(RecordId, _group), request, cancellationToken).AsTask();

    private static CoapMessage Get(string path) =>
        CoapMessage.Request(CoapCode.Get, path).SetToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).Build();

    private static CoapMessage Post(string path, byte[] body) =>
        CoapMessage.Request(CoapCode.Post, path).SetToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).SetPayload(body, CoapContentFormat.OcfCbor).Build();

    private static Dictionary<string, string> ReadTextMap(ReadOnlyMemory<byte> payload)
    {
        var reader = new CborReader(payload);
        var result = new Dictionary<string, string>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            if (reader.PeekState() == CborReaderState.TextString)
            {
                result[key] = reader.ReadTextString();
            }
            else
            {
                reader.SkipValue();
            }
        }

        return result;
    }
}
