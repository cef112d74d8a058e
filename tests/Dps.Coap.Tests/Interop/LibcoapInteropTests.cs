using System.Formats.Cbor;
using System.Net;
using Dps.Security;
using Dps.Testing;
using Dps.Testing.Pki;

namespace Dps.Coap.Tests.Interop;

/// <summary>Our CoAP stack against libcoap, a CoAP implementation nobody here wrote, over coaps+tcp.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class LibcoapInteropTests
{
    private string _scratch = string.Empty;

    [SetUp]
    public void SetUp() => _scratch = Directory.CreateTempSubdirectory("dps-libcoap-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_scratch, recursive: true);

    private static byte[] CborPayload(int textLength)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteTextString("di");
        writer.WriteTextString("00000000-0000-0000-0000-000000000001");
        writer.WriteTextString("blob");
        writer.WriteTextString(new string('x', textLength));
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static CoapTcpClientOptions DeviceClientOptions()
    {
        var pki = TestPki.Shared;
        var tls = new TlsClientSettings { ClientIdentity = pki.MfgDevice };
        tls.ServerVerification.TrustAnchors.Add(pki.HubCa.Certificate);
        return new CoapTcpClientOptions { Tls = tls.ToSslOptions() };
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task LibcoapServer_OurClientWithClientCertificate_GetPostGetBackAndPing(CancellationToken cancellationToken)
    {
        string pki = TestPki.SharedDirectory();
        var (server, port) = await Libcoap.StartServerAsync(pki, ["-d", "10", "-R", Path.Combine(pki, "mfg-trust.crt")], cancellationToken);
        await using var _ = server;
        await using var connection = await CoapTcpClient.ConnectAsync(new Uri($"coaps+tcp://127.0.0.1:{port + 1}"), DeviceClientOptions(), cancellationToken);
        byte[] body = CborPayload(40);

        var time = await connection.SendAsync(CoapMessage.Request(CoapCode.Get, "/time").Build(), cancellationToken: cancellationToken);
        var created = await connection.SendAsync(
            CoapMessage.Request(CoapCode.Post, "/dpsprobe").SetPayload(body, CoapContentFormat.Cbor).Build(), cancellationToken: cancellationToken);
        var readBack = await connection.SendAsync(
            CoapMessage.Request(CoapCode.Get, "/dpsprobe").SetAccept(CoapContentFormat.Cbor).Build(), cancellationToken: cancellationToken);
        await connection.PingAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(time.Code, Is.EqualTo(CoapCode.Content), server.Output);
            Assert.That(time.Payload.Length, Is.GreaterThan(0));
            Assert.That(created.Code, Is.EqualTo(CoapCode.Created));
            Assert.That(readBack.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(readBack.ContentFormat, Is.EqualTo(CoapContentFormat.Cbor));
            Assert.That(readBack.Payload.ToArray(), Is.EqualTo(body));
            Assert.That(connection.PeerSettings.CsmReceived, Is.True);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task LibcoapServer_BodyLargerThanItsMaxMessageSize_CrossesBlockwiseBothWays(CancellationToken cancellationToken)
    {
        string pki = TestPki.SharedDirectory();
        var (server, port) = await Libcoap.StartServerAsync(pki, ["-d", "10", "-X", "1024", "-R", Path.Combine(pki, "mfg-trust.crt")], cancellationToken);
        await using var _ = server;
        await using var connection = await CoapTcpClient.ConnectAsync(new Uri($"coaps+tcp://127.0.0.1:{port + 1}"), DeviceClientOptions(), cancellationToken);
        var peer = await connection.WaitForPeerCsmAsync(cancellationToken);
        byte[] body = CborPayload(3000);

        var created = await connection.SendAsync(
            CoapMessage.Request(CoapCode.Post, "/large").SetPayload(body, CoapContentFormat.Cbor).Build(), cancellationToken: cancellationToken);
        var readBack = await connection.SendAsync(
            CoapMessage.Request(CoapCode.Get, "/large").SetAccept(CoapContentFormat.Cbor).Build(), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(peer.MaxMessageSize, Is.EqualTo(1024));
            Assert.That(created.Code.IsSuccess, Is.True, $"{created} / {server.Output}");
            Assert.That(readBack.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(readBack.Payload.ToArray(), Is.EqualTo(body));
        });
    }

    private static async Task<CoapTcpListener> StartDeviceVerifyingListenerAsync(ICoapHandler handler)
    {
        var pki = TestPki.Shared;
        var tls = new TlsServerSettings { ServerIdentity = pki.DpsServer };
        tls.ClientTrustAnchors.Add(pki.RootCa.Certificate);
        tls.ClientIntermediates.Add(pki.MfgCa.Certificate);
        var listener = new CoapTcpListener(new IPEndPoint(IPAddress.Loopback, 0), new CoapListenerOptions { Tls = tls.ToSslOptions(), Handler = handler });
        listener.Start();
        await Task.CompletedTask;
        return listener;
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task LibcoapClient_OurListenerRequiringClientCertificate_GetAndPostCbor(CancellationToken cancellationToken)
    {
        string pki = TestPki.SharedDirectory();
        byte[]? received = null;
        string? peerCommonName = null;
        var handler = new DelegateCoapHandler(ctx =>
        {
            peerCommonName = ctx.RemoteCertificate is { } cert ? OcfCertificates.GetCommonName(cert) : null;
            return ctx.Request.UriPath switch
            {
                "/hello" when ctx.Request.Code == CoapCode.Get =>
                    CoapMessage.ResponseTo(ctx.Request, CoapCode.Content).SetPayload("hello from dps"u8.ToArray(), CoapContentFormat.TextPlain).Build(),
                "/api/v1/provisioning/credentials" when ctx.Request.Code == CoapCode.Post && ctx.Request.ContentFormat == CoapContentFormat.Cbor =>
                    Store(ctx.Request),
                _ => CoapMessage.ResponseTo(ctx.Request, CoapCode.NotFound).Build(),
            };
        });

        CoapMessage Store(CoapMessage request)
        {
            received = request.Payload.ToArray();
            return CoapMessage.ResponseTo(request, CoapCode.Changed).SetPayload(received, CoapContentFormat.Cbor).Build();
        }

        await using var listener = await StartDeviceVerifyingListenerAsync(handler);
        string uri = $"coaps+tcp://127.0.0.1:{listener.LocalEndPoint.Port}";
        string[] credentials =
        [
            "-c", Path.Combine(pki, "mfg-device-chain.crt"), "-j", Path.Combine(pki, "mfg-device.key"), "-R", Path.Combine(pki, "hub-ca.crt"),
        ];
        byte[] body = CborPayload(200);
        string payloadFile = Path.Combine(_scratch, "payload.cbor");
        await File.WriteAllBytesAsync(payloadFile, body, cancellationToken);
        string getOut = Path.Combine(_scratch, "get.out");
        string postOut = Path.Combine(_scratch, "post.out");

        string getLog = await Libcoap.RunClientAsync([.. credentials, "-o", getOut, $"{uri}/hello"]);
        string postLog = await Libcoap.RunClientAsync([.. credentials, "-m", "post", "-t", "60", "-A", "60", "-f", payloadFile, "-o", postOut, $"{uri}/api/v1/provisioning/credentials"]);

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(getOut) ? File.ReadAllText(getOut) : null, Is.EqualTo("hello from dps"), getLog);
            Assert.That(received, Is.EqualTo(body), postLog);
            Assert.That(File.Exists(postOut) ? File.ReadAllBytes(postOut) : null, Is.EqualTo(body), postLog);
            Assert.That(peerCommonName, Is.EqualTo($"uuid:{TestPki.Shared.DeviceId}"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task LibcoapClient_WithoutClientCertificate_HandshakeRejected(CancellationToken cancellationToken)
    {
        string pki = TestPki.SharedDirectory();
        var handler = DelegateCoapHandler.Echo();
        await using var listener = await StartDeviceVerifyingListenerAsync(handler);
        string output = Path.Combine(_scratch, "out");

        string log = await Libcoap.RunClientAsync(["-R", Path.Combine(pki, "hub-ca.crt"), "-o", output, $"coaps+tcp://127.0.0.1:{listener.LocalEndPoint.Port}/hello"]);

        Assert.Multiple(() =>
        {
            Assert.That(handler.Count, Is.Zero, log);
            Assert.That(File.Exists(output) && new FileInfo(output).Length > 0, Is.False);
            Assert.That(listener.HandshakeFailures, Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task LibcoapClient_SmallMaxMessageSize_ReceivesLargeResponseBlockwise(CancellationToken cancellationToken)
    {
        string pki = TestPki.SharedDirectory();
        byte[] body = CborPayload(4000);
        var handler = new DelegateCoapHandler(ctx =>
            CoapMessage.ResponseTo(ctx.Request, CoapCode.Content).SetPayload(body, CoapContentFormat.Cbor).Build());
        await using var listener = await StartDeviceVerifyingListenerAsync(handler);
        string output = Path.Combine(_scratch, "large.out");

        string log = await Libcoap.RunClientAsync(
        [
            "-c", Path.Combine(pki, "mfg-device-chain.crt"), "-j", Path.Combine(pki, "mfg-device.key"), "-R", Path.Combine(pki, "hub-ca.crt"),
            "-X", "1024", "-o", output, $"coaps+tcp://127.0.0.1:{listener.LocalEndPoint.Port}/large",
        ]);

        Assert.That(File.Exists(output) ? File.ReadAllBytes(output) : null, Is.EqualTo(body), log);
    }
}
