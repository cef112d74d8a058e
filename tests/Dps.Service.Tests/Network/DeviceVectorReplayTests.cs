using Dps.Coap;
using Dps.Coap.Framing;
using Dps.Security;
using Dps.Service.Identity;
using Dps.Testing;

namespace Dps.Service.Tests.Network;

/// <summary>
/// Replays the real C device's request frames over TLS 1.2 without ever sending a CSM (PROTOCOL §12)
/// and checks what the service answers: its CSM first with an 8-byte token, the <c>/oic/res</c>
/// probe before the first answer, codes, tokens, options and body shapes.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class DeviceVectorReplayTests
{
    private RunningService _service = null!;
    private TlsIdentity _identity = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _service = await RunningService.StartAsync();
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

    [Test]
    [CancelAfter(20_000)]
    public async Task Time_DeviceFrameWithoutCsm_ServiceSendsCsmProbesAndAnswers(CancellationToken cancellationToken)
    {
        await using var peer = await _service.ConnectRawDpsAsync(_identity, cancellationToken);

        var csm = await peer.ReadAsync(cancellationToken);
        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.TimeRequest), cancellationToken);
        var probe = await AnswerProbeAsync(peer, cancellationToken);
        var response = await peer.ReadAsync(cancellationToken);

        Assert.That(response, Is.Not.Null);
        var body = CborValue.DecodeMap(response!.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(csm!.Code, Is.EqualTo(CoapCode.Csm));
            Assert.That(csm.Token.Length, Is.EqualTo(8));
            Assert.That(csm.Options.GetUInt(CoapSignalingOption.MaxMessageSize), Is.EqualTo(262144));
            Assert.That(probe.Token.Length, Is.EqualTo(8));
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(Convert.ToHexString(response.Token.Span), Is.EqualTo("FC94BD4795399B69"));
            Assert.That(response.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(body.Keys, Is.EquivalentTo(new[] { "time" }));
        });

        var record = await _service.Host.Records.GetAsync(RecordId(), cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(record?.PlgdTime?.CoapCode, Is.EqualTo(69));
            Assert.That(record?.LocalEndpoints, Is.Empty);
            Assert.That(record?.Attestation?.CommonName, Does.StartWith("uuid:"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ProvisioningFlow_DeviceFramesOnOneConnection_AnswerEveryStep(CancellationToken cancellationToken)
    {
        await using var peer = await _service.ConnectRawDpsAsync(_identity, cancellationToken);
        Assert.That((await peer.ReadAsync(cancellationToken))!.Code, Is.EqualTo(CoapCode.Csm));

        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.OwnershipRequest), cancellationToken);
        await AnswerProbeAsync(peer, cancellationToken);
        var ownership = await ReadResponseAsync(peer, DeviceVectors.OwnershipRequest, cancellationToken);
        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.CloudConfigurationRequest), cancellationToken);
        var cloud = await ReadResponseAsync(peer, DeviceVectors.CloudConfigurationRequest, cancellationToken);
        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.CredentialsRequest), cancellationToken);
        var credentials = await ReadResponseAsync(peer, DeviceVectors.CredentialsRequest, cancellationToken);
        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.AclsRequest), cancellationToken);
        var acls = await ReadResponseAsync(peer, DeviceVectors.AclsRequest, cancellationToken);

        var cloudBody = CborValue.DecodeMap(cloud.Payload);
        var creds = ((List<object?>)CborValue.DecodeMap(credentials.Payload)["creds"]!).Cast<Dictionary<string, object?>>().ToList();
        var identityChain = PemCertificates.LoadChain((string)((Dictionary<string, object?>)creds[0]["publicdata"]!)["data"]!);
        Assert.Multiple(() =>
        {
            Assert.That(ownership.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(CborValue.DecodeMap(ownership.Payload).Keys, Is.EquivalentTo(new[] { "devowneruuid" }));
            Assert.That(cloud.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(cloudBody.Keys, Is.SupersetOf(new[] { "apn", "cis", "at", "sid", "x.org.iotivity.servers" }));
            Assert.That(cloudBody["cis"], Is.EqualTo(_service.Host.HubUri));
            Assert.That(credentials.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(creds.Select(c => c["credusage"]), Is.EqualTo(new[] { "oic.sec.cred.cert", "oic.sec.cred.trustca" }));
            Assert.That(creds[0]["subjectuuid"], Is.EqualTo(DeviceVectors.DeviceId));
            Assert.That(creds.Any(c => c.ContainsKey("credid") || c.ContainsKey("rowneruuid")), Is.False);
            Assert.That(OcfCertificates.GetCommonName(identityChain[0]), Is.EqualTo("uuid:" + DeviceVectors.DeviceId));
            Assert.That(acls.Code, Is.EqualTo(CoapCode.Content));
            Assert.That((List<object?>)CborValue.DecodeMap(acls.Payload)["aclist2"]!, Has.Count.EqualTo(3));
            foreach (var response in new[] { ownership, cloud, credentials, acls })
            {
                Assert.That(response.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
                Assert.That(response.Options.Contains(CoapOptionNumber.OcfContentFormatVersion), Is.False);
            }
        });

        var record = await _service.Host.Records.GetAsync(RecordId(), cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(record?.DeviceId, Is.EqualTo(DeviceVectors.DeviceId));
            Assert.That(record?.Credential?.Status.CoapCode, Is.EqualTo(68));
            Assert.That(record?.Acl?.Status.CoapCode, Is.EqualTo(69));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task UnknownPath_DeviceRequest_Answers404WithoutContentFormatAndCloses(CancellationToken cancellationToken)
    {
        await using var peer = await _service.ConnectRawDpsAsync(_identity, cancellationToken);
        await peer.ReadAsync(cancellationToken);
        var request = CoapMessage.Request(CoapCode.Get, "/api/v1/provisioning/resources").SetToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).SetAccept(CoapContentFormat.OcfCbor).Build();

        await peer.SendAsync(request, cancellationToken);
        await AnswerProbeAsync(peer, cancellationToken);
        var response = await peer.ReadAsync(cancellationToken);
        var rest = await peer.ReadToEndAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response!.Code, Is.EqualTo(CoapCode.NotFound));
            Assert.That(response.ContentFormat, Is.Null);
            Assert.That(response.Payload.Length, Is.GreaterThan(0));
            Assert.That(rest.Select(m => m.Code), Is.EqualTo(new[] { CoapCode.Release }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task WrongMethod_PostOnTime_Answers403(CancellationToken cancellationToken)
    {
        await using var peer = await _service.ConnectRawDpsAsync(_identity, cancellationToken);
        await peer.ReadAsync(cancellationToken);
        var request = CoapMessage.Request(CoapCode.Post, "/x.plgd.dev/time").SetToken(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }).Build();

        await peer.SendAsync(request, cancellationToken);
        await AnswerProbeAsync(peer, cancellationToken);
        var response = await peer.ReadAsync(cancellationToken);

        Assert.That(response!.Code, Is.EqualTo(CoapCode.Forbidden));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ProvisioningRecords_AfterTimeStep_ListedOverHttpWithCoapCode(CancellationToken cancellationToken)
    {
        await using (var dps = await _service.ConnectDpsAsync(_identity, cancellationToken: cancellationToken))
        {
            await dps.SendAsync(CoapMessage.Request(CoapCode.Get, "/x.plgd.dev/time").Build(), cancellationToken: cancellationToken);
        }

        using var records = System.Text.Json.JsonDocument.Parse(await _service.Http.GetStringAsync("/api/v1/provisioning-records", cancellationToken));

        var record = records.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == RecordId());
        Assert.Multiple(() =>
        {
            Assert.That(record.GetProperty("plgdTime").GetProperty("coapCode").GetInt32(), Is.EqualTo(69));
            Assert.That(record.GetProperty("enrollmentGroupId").GetString(), Is.EqualTo(_service.Host.Config.EnrollmentGroups[0].Id.ToString("D")));
            Assert.That(record.GetProperty("attestation").GetProperty("commonName").GetString(), Does.StartWith("uuid:"));
        });
    }

    private string RecordId() => DeviceUuid.Format(ManufacturerCertificateId.FromCertificate(_identity.Certificate));

    private static async Task<CoapMessage> AnswerProbeAsync(RawCoapPeer peer, CancellationToken cancellationToken)
    {
        var probe = await peer.ReadAsync(cancellationToken);
        Assert.That(probe, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(probe!.Code, Is.EqualTo(CoapCode.Get));
            Assert.That(probe.UriPath, Is.EqualTo("/oic/res"));
            Assert.That(probe.UriQuery, Is.EqualTo(new[] { "if=oic.if.ll", "rt=oic.wk.d" }));
        });
        var answer = CoapTcpFramer.Decode(DeviceVectors.Bytes(DeviceVectors.ResourceProbeResponse)).WithToken(probe!.Token);
        await peer.SendAsync(answer, cancellationToken);
        return probe;
    }

    private static async Task<CoapMessage> ReadResponseAsync(RawCoapPeer peer, string requestHex, CancellationToken cancellationToken)
    {
        var request = CoapTcpFramer.Decode(DeviceVectors.Bytes(requestHex));
        var response = await peer.ReadAsync(cancellationToken);
        Assert.That(response, Is.Not.Null, "the service closed the connection");
        Assert.That(response!.Token.ToArray(), Is.EqualTo(request.Token.ToArray()));
        return response;
    }
}
