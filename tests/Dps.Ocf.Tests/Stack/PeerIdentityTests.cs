using System.Net.Security;
using Dps.Coap;
using Dps.Security;
using Dps.Testing;

namespace Dps.Ocf.Tests.Stack;

[CancelAfter(20_000)]
public class PeerIdentityTests
{
    [Test]
    public async Task Request_OverTlsWithUuidCertificate_AuthCryptAndPeerUuid(CancellationToken cancellationToken)
    {
        var pki = Dps.Testing.Pki.TestPki.Shared;
        var access = new List<(Guid? Peer, OcfConnectionType Type)>();
        await using var stack = new OcfStack();
        stack.AccessControl = new RecordingAccessControl(access);

        // The stack serves on the TLS server side; the peer presents the mfg device certificate (CN=uuid:…0001).
        var (a, b) = DuplexPipe.CreatePair();
        var serverTls = new SslStream(a);
        var clientTls = new SslStream(b);
        var serverSettings = new TlsServerSettings { ServerIdentity = pki.DpsServer, ClientCertificateValidator = (_, _) => true };
        var clientSettings = new TlsClientSettings
        {
            TargetHost = "localhost",
            ClientIdentity = pki.MfgDevice,
            ServerVerification = { SkipVerify = true },
        };
        await Task.WhenAll(
            serverTls.AuthenticateAsServerAsync(serverSettings.ToSslOptions(), cancellationToken),
            clientTls.AuthenticateAsClientAsync(clientSettings.ToSslOptions(), cancellationToken));
        await using var device = new CoapConnection(serverTls, null, stack);
        await using var peer = new CoapConnection(clientTls);
        device.Start();
        peer.Start();

        var response = await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/oic/d").Build(), null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(access, Is.EqualTo(new[] { ((Guid?)pki.DeviceId, OcfConnectionType.AuthCrypt) }));
        });
    }

    private sealed class RecordingAccessControl(List<(Guid? Peer, OcfConnectionType Type)> seen) : IOcfAccessControl
    {
        public OcfAccessOutcome Decide(OcfRequest request)
        {
            lock (seen)
            {
                seen.Add((request.PeerDeviceId, request.ConnectionType));
            }

            return OcfAccessOutcome.Allow;
        }
    }
}
