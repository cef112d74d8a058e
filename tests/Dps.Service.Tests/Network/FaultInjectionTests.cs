using System.Diagnostics;
using System.Formats.Cbor;
using System.Net;
using System.Text;
using System.Text.Json;
using Dps.Coap;
using Dps.Security;
using Dps.Service.Tests.Payloads;

namespace Dps.Service.Tests.Network;

/// <summary>Every fault kind armed through <c>POST /api/v1/faults</c> (and from the config file) against the running DPS.</summary>
[Category("Integration")]
[NonParallelizable]
public class FaultInjectionTests
{
    private RunningService _service = null!;
    private TlsIdentity _identity = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _service = await RunningService.StartAsync(options: new Dps.Service.Hosting.DpsServiceHostOptions { CloseDelay = TimeSpan.FromMilliseconds(100) });
        _identity = _service.LoadManufacturerIdentity();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _identity?.Dispose();
        if (_service is not null)
        {
            Assert.That(_service.Log.Errors, Is.Empty);
            await _service.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ClearFaultsAsync() => await _service.Http.DeleteAsync("/api/v1/faults");

    [Test]
    [CancelAfter(20_000)]
    public async Task Respond_503OnceOnTime_AnswersItClosesThenRecovers(CancellationToken cancellationToken)
    {
        await ArmAsync("""[{"step": "time", "kind": "respond", "code": "5.03", "count": 1}]""", cancellationToken);

        CoapMessage faulted;
        await using (var first = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken))
        {
            faulted = await first.SendAsync(Get("/x.plgd.dev/time"), cancellationToken: cancellationToken);
            await first.Completion.WaitAsync(cancellationToken);
        }

        await using var second = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken);
        var recovered = await second.SendAsync(Get("/x.plgd.dev/time"), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(faulted.Code, Is.EqualTo(CoapCode.ServiceUnavailable));
            Assert.That(recovered.Code, Is.EqualTo(CoapCode.Content));
        });
    }

    [TestCase("5.00", 160)]
    [TestCase("4.03", 131)]
    [CancelAfter(20_000)]
    public async Task Respond_ErrorCodeOnCredentials_AnswersIt(string code, int value, CancellationToken cancellationToken)
    {
        await ArmAsync($$"""[{"step": "credentials", "kind": "respond", "code": "{{code}}"}]""", cancellationToken);
        await using var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken);

        var response = await dps.SendAsync(CredentialsRequest(Guid.NewGuid()), cancellationToken: cancellationToken);

        Assert.That(response.Code.Value, Is.EqualTo(value));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Delay_OnOwnership_AnswersAfterTheDelay(CancellationToken cancellationToken)
    {
        await ArmAsync("""[{"step": "ownership", "kind": "delay", "delay": "300ms"}]""", cancellationToken);
        await using var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken);
        await dps.SendAsync(Get("/x.plgd.dev/time"), cancellationToken: cancellationToken);
        var clock = Stopwatch.StartNew();

        var response = await dps.SendAsync(Get("/api/v1/provisioning/ownership"), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Drop_OnAcls_ClosesWithoutAnswer(CancellationToken cancellationToken)
    {
        await ArmAsync("""[{"step": "acls", "kind": "drop"}]""", cancellationToken);
        await using var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken);

        Assert.That(async () => await dps.SendAsync(Get("/api/v1/provisioning/acls"), cancellationToken: cancellationToken), Throws.TypeOf<CoapConnectionException>());
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task MalformedCbor_OnOwnership_AnswersContentThatDoesNotDecode(CancellationToken cancellationToken)
    {
        await ArmAsync("""[{"step": "ownership", "kind": "malformed-cbor"}]""", cancellationToken);
        await using var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken);

        var response = await dps.SendAsync(Get("/api/v1/provisioning/ownership"), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(() => new CborReader(response.Payload).SkipValue(), Throws.InstanceOf<CborContentException>());
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RedirectUri_OnOwnership_AddsRedirectUri(CancellationToken cancellationToken)
    {
        await ArmAsync("""[{"step": "ownership", "kind": "redirect-uri", "redirectUri": "coaps+tcp://127.0.0.1:1"}]""", cancellationToken);
        await using var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken);

        var response = await dps.SendAsync(Get("/api/v1/provisioning/ownership"), cancellationToken: cancellationToken);

        Assert.That(CborValue.DecodeMap(response.Payload)["redirecturi"], Is.EqualTo("coaps+tcp://127.0.0.1:1"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ShortLivedCertificate_OnCredentials_IssuesThatLifetime(CancellationToken cancellationToken)
    {
        await ArmAsync("""[{"step": "credentials", "kind": "short-lived-certificate", "lifetime": "30s"}]""", cancellationToken);
        await using var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken);

        var response = await dps.SendAsync(CredentialsRequest(Guid.NewGuid()), cancellationToken: cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
        var creds = (List<object?>)CborValue.DecodeMap(response.Payload)["creds"]!;
        using var leaf = PemCertificates.LoadChain((string)((Dictionary<string, object?>)((Dictionary<string, object?>)creds[0]!)["publicdata"]!)["data"]!)[0];
        Assert.That(leaf.NotAfter - leaf.NotBefore, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Faults_GetAfterPost_ListsTheArmedRulesAndCountsDown(CancellationToken cancellationToken)
    {
        await ArmAsync("""[{"step": "acls", "kind": "respond", "code": "5.03", "count": 2}]""", cancellationToken);
        await using (var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken))
        {
            await dps.SendAsync(Get("/api/v1/provisioning/acls"), cancellationToken: cancellationToken);
        }

        using var listed = JsonDocument.Parse(await _service.Http.GetStringAsync("/api/v1/faults", cancellationToken));

        var rule = listed.RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(rule.GetProperty("step").GetString(), Is.EqualTo("acls"));
            Assert.That(rule.GetProperty("code").GetString(), Is.EqualTo("5.03"));
            Assert.That(rule.GetProperty("count").GetString(), Is.EqualTo("1"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Faults_PostInvalidRule_Answers400(CancellationToken cancellationToken)
    {
        using var content = new StringContent("""[{"step": "nowhere", "kind": "drop"}]""", Encoding.UTF8, "application/json");

        var response = await _service.Http.PostAsync("/api/v1/faults", content, cancellationToken);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(cancellationToken), Does.Contain("unknown step 'nowhere'"));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ConfigFile_FaultArmedAtStart_AppliesToFirstRequest(CancellationToken cancellationToken)
    {
        await using var service = await RunningService.StartAsync(yaml => yaml + "faults:\n  - {step: time, kind: respond, code: \"5.00\", count: 1}\n");
        using var identity = service.LoadManufacturerIdentity();
        await using var dps = await service.ConnectDpsAsync(identity, cancellationToken: cancellationToken);

        var response = await dps.SendAsync(Get("/x.plgd.dev/time"), cancellationToken: cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.InternalServerError));
    }

    private async Task ArmAsync(string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _service.Http.PostAsync("/api/v1/faults", content, cancellationToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private static CoapMessage Get(string path) => CoapMessage.Request(CoapCode.Get, path).SetAccept(CoapContentFormat.OcfCbor).Build();

    private static CoapMessage CredentialsRequest(Guid deviceId)
    {
        using var key = EcKeys.Generate();
        var body = TestCbor.Map(("di", deviceId.ToString("D")), ("csr", TestCbor.M(("data", CertificateSigningRequest.CreatePem(key, deviceId)), ("encoding", "oic.sec.encoding.pem"))));
        return CoapMessage.Request(CoapCode.Post, "/api/v1/provisioning/credentials").SetAccept(CoapContentFormat.OcfCbor).SetPayload(body, CoapContentFormat.OcfCbor).Build();
    }
}
