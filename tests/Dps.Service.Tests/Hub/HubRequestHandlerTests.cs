using System.Formats.Cbor;
using System.Security.Cryptography;
using Dps.Coap;
using Dps.Service.Faults;
using Dps.Service.Hub;
using Dps.Service.Payloads;
using Dps.Service.Records;
using Dps.Service.Tests.Payloads;
using Dps.Service.Tokens;
using Microsoft.Extensions.Time.Testing;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Hub;

[CancelAfter(10_000)]
public class HubRequestHandlerTests
{
    private const string DeviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";
    private static readonly DateTimeOffset s_now = new(2026, 11, 22, 19, 58, 48, TimeSpan.Zero);
    private string _dir = null!;
    private ServiceDatabase _database = null!;
    private HubDeviceStore _devices = null!;
    private FakeTimeProvider _time = null!;
    private ECDsa _key = null!;
    private AccessTokenService _tokens = null!;
    private FaultPlan _faults = null!;
    private HubRequestHandler _handler = null!;
    private HubSession _session = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("dps-service-hub-").FullName;
        _database = await ServiceDatabase.OpenAsync(Path.Combine(_dir, "db"));
        _time = new FakeTimeProvider(s_now);
        _devices = new HubDeviceStore(_database, _time);
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _tokens = new AccessTokenService(_key, new AccessTokenOptions { DeviceIdClaim = "di" }, _time);
        _faults = new FaultPlan();
        _handler = new HubRequestHandler(_tokens, new HubGatewayOptions { DeviceIdClaim = "di" }, _devices, _faults, _time);
        _session = new HubSession(DeviceId);
    }

    [TearDown]
    public void TearDown()
    {
        _database.Dispose();
        _key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task FullFlow_SignUpSignInPublishRefreshSignOut_Succeeds(CancellationToken cancellationToken)
    {
        var signUp = await PostAsync(HubRequestHandler.AccountPath, SignUpBody(_tokens.Issue("1", DeviceId, TimeSpan.FromHours(1))), cancellationToken);
        var signUpFields = ReadMap(signUp.Response!.Payload);
        var hubToken = (string)signUpFields["accesstoken"];

        var signIn = await PostAsync(HubRequestHandler.SessionPath, TestCbor.Map(("uid", "1"), ("di", DeviceId), ("accesstoken", hubToken), ("login", true)), cancellationToken);
        var publish = await PostAsync(HubRequestHandler.ResourceDirectoryPath, DevicePayloads.Bytes(DevicePayloads.PublishRequest), cancellationToken);
        var unpublish = await _handler.HandleAsync(_session, CoapMessage.Request(CoapCode.Delete, $"/oic/rd?di={DeviceId}&ins=136750592").SetToken(new byte[8]).Build(), cancellationToken);
        var refresh = await PostAsync(HubRequestHandler.TokenRefreshPath, TestCbor.Map(("uid", "1"), ("di", DeviceId), ("granttype", "refresh_token"), ("refreshtoken", (string)signUpFields["refreshtoken"])), cancellationToken);
        var device = await _devices.GetAsync(DeviceId, cancellationToken);
        var signOut = await PostAsync(HubRequestHandler.SessionPath, TestCbor.Map(("uid", "1"), ("di", DeviceId), ("accesstoken", hubToken), ("login", false)), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(signUp.Response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(signUpFields.Keys, Is.EqualTo(new[] { "accesstoken", "uid", "refreshtoken", "redirecturi", "expiresin" }));
            Assert.That(signUpFields["uid"], Is.EqualTo("1"));
            Assert.That(signUpFields["redirecturi"], Is.EqualTo(string.Empty));
            Assert.That(signUpFields["expiresin"], Is.EqualTo(3600L));
            Assert.That(signIn.Response!.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(ReadMap(signIn.Response.Payload)["expiresin"], Is.EqualTo(3600L - 120));
            Assert.That(Convert.ToHexStringLower(publish.Response!.Payload.Span), Is.EqualTo(DevicePayloads.PublishResponse));
            Assert.That(unpublish.Response!.Code, Is.EqualTo(CoapCode.Deleted));
            Assert.That(refresh.Response!.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(device!.LoggedIn, Is.True);
            Assert.That(device.Links, Has.Count.EqualTo(4));
            Assert.That(signOut.Response!.Payload.ToArray(), Is.EqualTo(new byte[] { 0xA0 }));
            Assert.That(_session.LoggedIn, Is.False);
        });
    }

    [Test]
    public async Task SignUp_TamperedToken_UnauthorizedAndClose(CancellationToken cancellationToken)
    {
        var token = _tokens.Issue("1", DeviceId, TimeSpan.FromHours(1));

        var reply = await PostAsync(HubRequestHandler.AccountPath, SignUpBody(token[..^4] + "AAAA"), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Unauthorized));
            Assert.That(reply.CloseAfter, Is.True);
        });
    }

    [Test]
    public async Task SignUp_TokenForOtherDevice_Unauthorized(CancellationToken cancellationToken)
    {
        var reply = await PostAsync(HubRequestHandler.AccountPath, SignUpBody(_tokens.Issue("1", "00000000-0000-0000-0000-000000000002", TimeSpan.FromHours(1))), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Unauthorized));
    }

    [Test]
    public async Task SignUp_MissingToken_BadRequest(CancellationToken cancellationToken)
    {
        var reply = await PostAsync(HubRequestHandler.AccountPath, TestCbor.Map(("di", DeviceId)), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.BadRequest));
    }

    [Test]
    public async Task SignUp_RedirectFault_CarriesRedirectUri(CancellationToken cancellationToken)
    {
        _faults.Add(FaultPlan.ParseJson("""[{"step": "hub-signup", "kind": "redirect-uri", "redirectUri": "coaps+tcp://127.0.0.1:2"}]""")[0]);

        var reply = await PostAsync(HubRequestHandler.AccountPath, SignUpBody(_tokens.Issue("1", DeviceId, TimeSpan.FromHours(1))), cancellationToken);

        Assert.That(ReadMap(reply.Response!.Payload)["redirecturi"], Is.EqualTo("coaps+tcp://127.0.0.1:2"));
    }

    [Test]
    public async Task SignIn_NotRegistered_Unauthorized(CancellationToken cancellationToken)
    {
        var token = _tokens.Issue("1", DeviceId, TimeSpan.FromHours(1));

        var reply = await PostAsync(HubRequestHandler.SessionPath, TestCbor.Map(("uid", "1"), ("di", DeviceId), ("accesstoken", token), ("login", true)), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Unauthorized));
    }

    [Test]
    public async Task SignIn_UidNotOwner_Unauthorized(CancellationToken cancellationToken)
    {
        var token = await SignUpAsync(cancellationToken);

        var reply = await PostAsync(HubRequestHandler.SessionPath, TestCbor.Map(("uid", "2"), ("di", DeviceId), ("accesstoken", token), ("login", true)), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Unauthorized));
    }

    [Test]
    public async Task SignIn_TokenExpiringWithinTwoMinutes_Unauthorized(CancellationToken cancellationToken)
    {
        var token = await SignUpAsync(cancellationToken);
        _time.Advance(TimeSpan.FromMinutes(58));

        var reply = await PostAsync(HubRequestHandler.SessionPath, TestCbor.Map(("uid", "1"), ("di", DeviceId), ("accesstoken", token), ("login", true)), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Unauthorized));
    }

    [Test]
    public async Task SignIn_ServiceUnavailableFault_AnswersFaultThenSucceeds(CancellationToken cancellationToken)
    {
        var token = await SignUpAsync(cancellationToken);
        _faults.Add(FaultRule.Respond(FaultStep.HubSignIn, CoapCode.ServiceUnavailable));
        var body = TestCbor.Map(("uid", "1"), ("di", DeviceId), ("accesstoken", token), ("login", true));

        var first = await PostAsync(HubRequestHandler.SessionPath, body, cancellationToken);
        var second = await PostAsync(HubRequestHandler.SessionPath, body, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Response!.Code, Is.EqualTo(CoapCode.ServiceUnavailable));
            Assert.That(second.Response!.Code, Is.EqualTo(CoapCode.Changed));
        });
    }

    [Test]
    public async Task Publish_NotSignedIn_Unauthorized(CancellationToken cancellationToken)
    {
        var reply = await PostAsync(HubRequestHandler.ResourceDirectoryPath, DevicePayloads.Bytes(DevicePayloads.PublishRequest), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Unauthorized));
    }

    [Test]
    public async Task Unpublish_UnknownIns_BadRequest(CancellationToken cancellationToken)
    {
        var token = await SignUpAsync(cancellationToken);
        await PostAsync(HubRequestHandler.SessionPath, TestCbor.Map(("uid", "1"), ("di", DeviceId), ("accesstoken", token), ("login", true)), cancellationToken);
        await PostAsync(HubRequestHandler.ResourceDirectoryPath, DevicePayloads.Bytes(DevicePayloads.PublishRequest), cancellationToken);

        var reply = await _handler.HandleAsync(_session, CoapMessage.Request(CoapCode.Delete, $"/oic/rd?di={DeviceId}&ins=1").SetToken(new byte[8]).Build(), cancellationToken);

        Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.BadRequest));
    }

    [Test]
    public async Task SignOff_Delete_ForgetsDevice(CancellationToken cancellationToken)
    {
        await SignUpAsync(cancellationToken);

        var reply = await _handler.HandleAsync(_session, CoapMessage.Request(CoapCode.Delete, $"/oic/sec/account?uid=1&di={DeviceId}").SetToken(new byte[8]).Build(), cancellationToken);
        var device = await _devices.GetAsync(DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(reply.Response!.Code, Is.EqualTo(CoapCode.Deleted));
            Assert.That(device, Is.Null);
        });
    }

    [Test]
    public async Task GetRd_AnswersSelection(CancellationToken cancellationToken)
    {
        var reply = await _handler.HandleAsync(_session, CoapMessage.Request(CoapCode.Get, "/oic/rd").SetToken(new byte[8]).Build(), cancellationToken);

        Assert.That(reply.Response!.Payload.ToArray(), Is.EqualTo(PublishResponse.EncodeSelection()));
    }

    private async Task<string> SignUpAsync(CancellationToken cancellationToken)
    {
        var reply = await PostAsync(HubRequestHandler.AccountPath, SignUpBody(_tokens.Issue("1", DeviceId, TimeSpan.FromHours(1))), cancellationToken);
        return (string)ReadMap(reply.Response!.Payload)["accesstoken"];
    }

    private static byte[] SignUpBody(string token) =>
        TestCbor.Map(("di", DeviceId), ("authprovider", "plgd"), ("accesstoken", token), ("devicetype", "device"));

    private async Task<Dps.Service.Provisioning.DpsReply> PostAsync(string path, byte[] body, CancellationToken cancellationToken) =>
        await _handler.HandleAsync(_session, CoapMessage.Request(CoapCode.Post, path).SetToken(new byte[8]).SetPayload(body, CoapContentFormat.OcfCbor).Build(), cancellationToken);

    private static Dictionary<string, object> ReadMap(ReadOnlyMemory<byte> payload)
    {
        var reader = new CborReader(payload);
        var result = new Dictionary<string, object>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            result[key] = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : reader.ReadInt64();
        }

        return result;
    }
}
