using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dps.Coap;
using Dps.Security;
using Dps.Service.Tests.Payloads;
using Dps.Testing;

namespace Dps.Service.Tests.Network;

/// <summary>The hub gateway over real TLS with an identity certificate the DPS issued.</summary>
[Category("Integration")]
[NonParallelizable]
public class HubGatewayTests
{
    private RunningService _service = null!;
    private string? _trustCa;

    [OneTimeSetUp]
    public async Task StartAsync() => _service = await RunningService.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_service is not null)
        {
            Assert.That(_service.Log.Errors, Is.Empty);
            await _service.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ClearFaultsAsync() => await _service.Http.DeleteAsync("/api/v1/faults");

    [Test]
    [CancelAfter(30_000)]
    public async Task Session_SignUpSignInPublishRefreshSignOut_DeviceListedOnlineAndReadable(CancellationToken cancellationToken)
    {
        var deviceId = Guid.NewGuid().ToString("D");
        var (identity, accessToken) = await ProvisionAsync(deviceId, cancellationToken);
        using var _ = identity;
        var twinRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var device = new DelegateCoapHandler(context =>
        {
            var request = context.Request;
            if (request.UriPath == "/oic/res" && request.UriQuery.Contains("if=oic.if.ll"))
            {
                twinRead.TrySetResult();
                return Cbor(request, TestCbor.Map(("href", "/oic/d")));
            }

            return request.UriPath == "/oic/d"
                ? Cbor(request, TestCbor.Map(("n", "hub test device"), ("di", deviceId)))
                : CoapMessage.ResponseTo(request, CoapCode.NotFound).Build();
        });
        await using var hub = await ConnectHubAsync(identity, device, cancellationToken);

        var signUp = await PostAsync(hub, "/oic/sec/account", TestCbor.Map(("di", deviceId), ("authprovider", "plgd"), ("accesstoken", accessToken), ("devicetype", "device")), cancellationToken);
        var account = CborValue.DecodeMap(signUp.Payload);
        var signIn = await PostAsync(hub, "/oic/sec/session", TestCbor.Map(("uid", (string)account["uid"]!), ("di", deviceId), ("accesstoken", (string)account["accesstoken"]!), ("login", true)), cancellationToken);
        var publish = await PostAsync(
            hub,
            "/oic/rd?rt=oic.wk.rdpub",
            TestCbor.Map(
                ("di", deviceId),
                ("n", "hub test device"),
                ("ttl", 0),
                ("links", new object[] { TestCbor.M(("href", "/oic/d"), ("rt", new object[] { "oic.wk.d" }), ("if", new object[] { "oic.if.r", "oic.if.baseline" }), ("rel", "hosts"), ("ins", 7L), ("p", TestCbor.M(("bm", 3)))) })),
            cancellationToken);
        var refresh = await PostAsync(hub, "/oic/sec/tokenrefresh", TestCbor.Map(("uid", (string)account["uid"]!), ("di", deviceId), ("authprovider", "plgd"), ("granttype", "refresh_token"), ("refreshtoken", (string)account["refreshtoken"]!)), cancellationToken);
        await twinRead.Task.WaitAsync(cancellationToken);
        var listed = await DeviceAsync(deviceId, cancellationToken);
        using var resource = JsonDocument.Parse(await _service.Http.GetStringAsync($"/api/v1/devices/{deviceId}/resources?href=/oic/d", cancellationToken));
        var signOut = await PostAsync(hub, "/oic/sec/session", TestCbor.Map(("uid", (string)account["uid"]!), ("di", deviceId), ("accesstoken", (string)account["accesstoken"]!), ("login", false)), cancellationToken);
        var afterSignOut = await DeviceAsync(deviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(signUp.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(account.Keys, Is.SupersetOf(new[] { "accesstoken", "refreshtoken", "uid", "expiresin", "redirecturi" }));
            Assert.That(account["uid"], Is.EqualTo("1"));
            Assert.That(signIn.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(CborValue.DecodeMap(signIn.Payload)["expiresin"], Is.GreaterThan(0));
            Assert.That(publish.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(CborValue.DecodeMap(publish.Payload)["di"], Is.EqualTo(deviceId));
            Assert.That(refresh.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(CborValue.DecodeMap(refresh.Payload).Keys, Is.SupersetOf(new[] { "accesstoken", "refreshtoken", "expiresin" }));
            Assert.That(listed.GetProperty("online").GetBoolean(), Is.True);
            Assert.That(listed.GetProperty("registered").GetBoolean(), Is.True);
            Assert.That(listed.GetProperty("loggedIn").GetBoolean(), Is.True);
            Assert.That(listed.GetProperty("name").GetString(), Is.EqualTo("hub test device"));
            Assert.That(resource.RootElement.GetProperty("n").GetString(), Is.EqualTo("hub test device"));
            Assert.That(signOut.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(afterSignOut.GetProperty("loggedIn").GetBoolean(), Is.False);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task SignIn_BadToken_Answers401AndCloses(CancellationToken cancellationToken)
    {
        var deviceId = Guid.NewGuid().ToString("D");
        var (identity, _) = await ProvisionAsync(deviceId, cancellationToken);
        using var _ = identity;
        await using var hub = await ConnectHubAsync(identity, ProbeAnswer.NotFound, cancellationToken);

        var signIn = await PostAsync(hub, "/oic/sec/session", TestCbor.Map(("uid", "1"), ("di", deviceId), ("accesstoken", "not.a.token"), ("login", true)), cancellationToken);
        await hub.Completion.WaitAsync(cancellationToken);

        Assert.That(signIn.Code, Is.EqualTo(CoapCode.Unauthorized));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task SignUp_InjectedHubFault_AnswersTheInjectedCode(CancellationToken cancellationToken)
    {
        var deviceId = Guid.NewGuid().ToString("D");
        var (identity, accessToken) = await ProvisionAsync(deviceId, cancellationToken);
        using var _ = identity;
        using (var content = new StringContent("""[{"step": "hub-signup", "kind": "respond", "code": "5.03"}]""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await _service.Http.PostAsync("/api/v1/faults", content, cancellationToken)).EnsureSuccessStatusCode();
        }

        await using var hub = await ConnectHubAsync(identity, ProbeAnswer.NotFound, cancellationToken);
        var faulted = await PostAsync(hub, "/oic/sec/account", TestCbor.Map(("di", deviceId), ("authprovider", "plgd"), ("accesstoken", accessToken), ("devicetype", "device")), cancellationToken);

        Assert.That(faulted.Code, Is.EqualTo(CoapCode.ServiceUnavailable));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Handshake_ManufacturerCertificate_IsRejected(CancellationToken cancellationToken)
    {
        using var mfg = _service.LoadManufacturerIdentity();

        Assert.That(async () => await (await ConnectHubAsync(mfg, null, cancellationToken)).PingAsync(cancellationToken), Throws.InstanceOf<Exception>());

        // Logged by the certificate decision itself, before the client sees the alert.
        Assert.That(_service.Log.Entries.Select(e => e.Message), Has.Some.Contains("Rejected hub client " + mfg.Certificate.Subject));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Resources_OfflineDevice_Answers404(CancellationToken cancellationToken)
    {
        var response = await _service.Http.GetAsync($"/api/v1/devices/{Guid.NewGuid():D}/resources?href=/oic/d", cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private async Task<(TlsIdentity Identity, string AccessToken)> ProvisionAsync(string deviceId, CancellationToken cancellationToken)
    {
        using var mfg = _service.LoadManufacturerIdentity();
        await using var dps = await _service.ConnectDpsAsync(mfg, cancellationToken: cancellationToken);
        using var key = EcKeys.Generate();
        var csr = CertificateSigningRequest.CreatePem(key, Guid.Parse(deviceId));
        var credentials = await PostAsync(dps, "/api/v1/provisioning/credentials", TestCbor.Map(("di", deviceId), ("csr", TestCbor.M(("data", csr), ("encoding", "oic.sec.encoding.pem")))), cancellationToken);
        var cloud = await PostAsync(dps, "/api/v1/provisioning/cloud-configuration", TestCbor.Map(("di", deviceId)), cancellationToken);
        Assert.That(credentials.Code, Is.EqualTo(CoapCode.Changed));
        Assert.That(cloud.Code, Is.EqualTo(CoapCode.Changed));
        var creds = ((List<object?>)CborValue.DecodeMap(credentials.Payload)["creds"]!).Cast<Dictionary<string, object?>>().ToList();
        var chain = PemCertificates.LoadChain((string)((Dictionary<string, object?>)creds[0]["publicdata"]!)["data"]!);
        var identity = TlsIdentity.Create(chain[0], key, chain.Skip(1));
        _trustCa = (string)((Dictionary<string, object?>)creds[1]["publicdata"]!)["data"]!;
        return (identity, (string)CborValue.DecodeMap(cloud.Payload)["at"]!);
    }

    private Task<CoapConnection> ConnectHubAsync(TlsIdentity identity, ICoapHandler? handler, CancellationToken cancellationToken)
    {
        var settings = new TlsClientSettings { TargetHost = "localhost", ClientIdentity = identity };
        foreach (var anchor in PemCertificates.LoadChain(_trustCa ?? File.ReadAllText(Path.Combine(_service.Directory, "pki", "cloud-ca.crt"))))
        {
            settings.ServerVerification.TrustAnchors.Add(anchor);
        }

        return CoapTcpClient.ConnectAsync(
            new CoapEndpoint("127.0.0.1", _service.Host.HubAddress.Port, true),
            new CoapTcpClientOptions { Tls = settings.ToSslOptions(), Handler = handler },
            cancellationToken);
    }

    private async Task<JsonElement> DeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        using var devices = JsonDocument.Parse(await _service.Http.GetStringAsync("/api/v1/devices", cancellationToken));
        return devices.RootElement.EnumerateArray().Single(d => d.GetProperty("di").GetString() == deviceId).Clone();
    }

    private static Task<CoapMessage> PostAsync(CoapConnection connection, string pathAndQuery, byte[] body, CancellationToken cancellationToken) =>
        connection.SendAsync(
            CoapMessage.Request(CoapCode.Post, pathAndQuery).SetAccept(CoapContentFormat.OcfCbor).SetPayload(body, CoapContentFormat.OcfCbor).Build(),
            cancellationToken: cancellationToken);

    private static CoapMessage Cbor(CoapMessage request, byte[] body) =>
        CoapMessage.ResponseTo(request, CoapCode.Content).SetPayload(body, CoapContentFormat.OcfCbor).Build();
}
