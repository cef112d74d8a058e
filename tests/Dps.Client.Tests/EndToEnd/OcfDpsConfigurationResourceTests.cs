using System.Formats.Cbor;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dps.Client.Ocf;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Security;
using Dps.Security;
using Dps.Testing;
using Dps.Testing.Pki;

namespace Dps.Client.Tests.EndToEnd;

/// <summary><c>/plgd/dps</c> served by a stack device over a TLS connection (the device's ACLs apply).</summary>
[Category("Integration")]
public sealed class OcfDpsConfigurationResourceTests
{
    private const string First = "coaps+tcp://127.0.0.1:15684";
    private const string Second = "coaps+tcp://127.0.0.1:25684";
    private static readonly Guid PeerId = Guid.Parse("6a4f1c2e-0d3b-4e8a-9b71-2c5d8e9f0a13");

    private static TestPki Pki => TestPki.Shared;

    [Test]
    [CancelAfter(20_000)]
    public async Task PlgdDps_GetAndPostThroughTheStack_AclDecidesAndPostChangesTheEndpoints(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack(new OcfStackOptions { Device = new OcfDeviceOptions { Name = "conf", DeviceId = Pki.DeviceId } });
        var device = stack.GetDevice(0);
        var options = new DpsClientOptions { Endpoints = [new DpsEndpoint(First, "first")], CreateConfigurationResource = true };
        await using var dps = stack.AddDps(0, options);
        var (served, peer) = await ConnectAsync(stack, cancellationToken);
        await using var _ = served;
        await using var __ = peer;

        var denied = await SendAsync(peer, CoapCode.Get, "/plgd/dps", null, cancellationToken);
        await device.InvokeAsync(() => device.Security.Acl.Add(new Ace
        {
            Subject = AceSubject.ForUuid(OcfUuid.Parse(PeerId.ToString("D"))),
            Resources = [AceResource.ForHref("/plgd/dps")],
            Permission = AcePermission.Full,
        }), cancellationToken);
        var get = await SendAsync(peer, CoapCode.Get, "/plgd/dps", null, cancellationToken);
        var rejected = await SendAsync(peer, CoapCode.Post, "/plgd/dps", Encode(w =>
        {
            w.WriteStartMap(0);
            w.WriteEndMap();
        }), cancellationToken);
        var post = await SendAsync(peer, CoapCode.Post, "/plgd/dps?if=oic.if.rw", Encode(w =>
        {
            w.WriteStartMap(2);
            w.WriteTextString("endpoint");
            w.WriteTextString(Second);
            w.WriteTextString("endpointName");
            w.WriteTextString("second");
            w.WriteEndMap();
        }), cancellationToken);
        var stored = DpsStoreData.Decode(stack.Store.Load("dps_0"));

        var map = Decode(get.Payload);
        var posted = Decode(post.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(denied.Code, Is.AnyOf(CoapCode.Unauthorized, CoapCode.Forbidden), "no ACE: no access");
            Assert.That(get.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(map["rt"], Is.EqualTo(new object[] { "x.plgd.dps.conf" }));
            Assert.That(map["endpoint"], Is.EqualTo(First));
            Assert.That(map["endpointName"], Is.EqualTo("first"));
            Assert.That(map["lastErrorCode"], Is.EqualTo(0));
            Assert.That(map["provisionStatus"], Is.EqualTo("uninitialized"));
            Assert.That(map["forceReprovision"], Is.EqualTo(false));
            Assert.That(rejected.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(post.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(posted["endpoint"], Is.EqualTo(Second));
            Assert.That(posted, Does.Not.ContainKey("lastErrorCode"), "the rw interface shows the writable properties only");
            Assert.That(dps.Context.SelectedEndpoint?.Uri, Is.EqualTo(Second));
            Assert.That(stored.Endpoints.Selected?.Uri, Is.EqualTo(Second));
            Assert.That(device.FindResource("/plgd/dps")?.IsObservable, Is.True);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task PlgdDps_Observed_AcceptedPostNotifiesTheObserver(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack(new OcfStackOptions { Device = new OcfDeviceOptions { Name = "conf", DeviceId = Pki.DeviceId } });
        var device = stack.GetDevice(0);
        var options = new DpsClientOptions { Endpoints = [new DpsEndpoint(First, "first")], CreateConfigurationResource = true };
        await using var dps = stack.AddDps(0, options);
        var (served, peer) = await ConnectAsync(stack, cancellationToken);
        await using var _ = served;
        await using var __ = peer;
        await device.InvokeAsync(() => device.Security.Acl.Add(new Ace
        {
            Subject = AceSubject.ForUuid(OcfUuid.Parse(PeerId.ToString("D"))),
            Resources = [AceResource.ForHref("/plgd/dps")],
            Permission = AcePermission.Full,
        }), cancellationToken);
        await using var observation = await peer.ObserveAsync(
            CoapMessage.Request(CoapCode.Get, "/plgd/dps").SetAccept(CoapContentFormat.OcfCbor).Build(), null, cancellationToken);
        var first = await observation.Notifications.ReadAsync(cancellationToken);

        var post = await SendAsync(peer, CoapCode.Post, "/plgd/dps", Encode(w =>
        {
            w.WriteStartMap(1);
            w.WriteTextString("forceReprovision");
            w.WriteBoolean(true);
            w.WriteEndMap();
        }), cancellationToken);
        var notification = await observation.Notifications.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(observation.IsRegistered, Is.True);
            Assert.That(first.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(notification.Observe, Is.GreaterThan(first.Observe ?? 0u), "a notification after the registration's answer");
            Assert.That(post.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(notification.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(Decode(notification.Payload)["endpoint"], Is.EqualTo(First));
        });
    }

    private static async Task<(CoapConnection Served, CoapConnection Peer)> ConnectAsync(OcfStack stack, CancellationToken cancellationToken)
    {
        var (a, b) = DuplexPipe.CreatePair();
        using var key = EcKeys.Generate();
        using var leaf = Pki.MfgCa.IssueDeviceCertificate(
            new X500DistinguishedName("CN=uuid:" + PeerId.ToString("D")), key, Pki.ValidFrom, Pki.ValidFrom.AddDays(30));
        using var peerIdentity = TlsIdentity.Create(leaf, key);
        var serverTls = new SslStream(a);
        var clientTls = new SslStream(b);
        var serverSettings = new TlsServerSettings { ServerIdentity = Pki.DpsServer, ClientCertificateValidator = (_, _) => true };
        var clientSettings = new TlsClientSettings { TargetHost = "localhost", ClientIdentity = peerIdentity, ServerVerification = { SkipVerify = true } };
        await Task.WhenAll(
            serverTls.AuthenticateAsServerAsync(serverSettings.ToSslOptions(), cancellationToken),
            clientTls.AuthenticateAsClientAsync(clientSettings.ToSslOptions(), cancellationToken));
        var served = new CoapConnection(serverTls, null, stack);
        var peer = new CoapConnection(clientTls);
        served.Start();
        peer.Start();
        return (served, peer);
    }

    private static Task<CoapMessage> SendAsync(CoapConnection peer, CoapCode method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        var request = CoapMessage.Request(method, pathAndQuery).SetAccept(CoapContentFormat.OcfCbor);
        if (body is not null)
        {
            request.SetPayload(body, CoapContentFormat.OcfCbor);
        }
        return peer.SendAsync(request.Build(), null, cancellationToken);
    }

    private static byte[] Encode(Action<CborWriter> write)
    {
        var writer = new CborWriter();
        write(writer);
        return writer.Encode();
    }

    private static Dictionary<string, object?> Decode(ReadOnlyMemory<byte> payload)
    {
        var reader = new CborReader(payload, CborConformanceMode.Lax);
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            map[reader.ReadTextString()] = ReadValue(reader);
        }
        return map;
    }

    private static object? ReadValue(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                return reader.ReadInt32();
            case CborReaderState.StartArray:
                var items = new List<object?>();
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    items.Add(ReadValue(reader));
                }
                reader.ReadEndArray();
                return items.ToArray();
            default:
                reader.SkipValue();
                return null;
        }
    }
}
