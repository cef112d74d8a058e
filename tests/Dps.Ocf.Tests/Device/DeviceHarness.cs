using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap;
using Dps.Ocf.Tests.Stack;
using Dps.Security;
using Dps.Testing;

namespace Dps.Ocf.Tests.Device;

/// <summary>
/// A stack with the default (ACL) access control over an <see cref="InMemoryOcfStore"/>, served on
/// an in-memory connection pair, either plain (<c>anon-clear</c>) or TLS with the device as TLS
/// server and the peer presenting a certificate <c>CN=uuid:&lt;peer&gt;</c> (<c>auth-crypt</c>).
/// </summary>
internal sealed class DeviceHarness : IAsyncDisposable
{
    private DeviceHarness(OcfStack stack, InMemoryOcfStore store, RecordingLogger log)
    {
        Stack = stack;
        Store = store;
        Log = log;
    }

    public OcfStack Stack { get; }

    public OcfDevice Device => Stack.Devices[0];

    public InMemoryOcfStore Store { get; }

    public RecordingLogger Log { get; }

    public CoapConnection DeviceConnection { get; private set; } = null!;

    public CoapConnection Peer { get; private set; } = null!;

    public static OcfStack CreateStack(IOcfStore store, RecordingLogger log) =>
        new(new OcfStackOptions { Store = store }, null, new RecordingLoggerFactory(log));

    /// <summary>Starts the pair; <paramref name="peerId"/> null: plain, else TLS with that peer UUID.</summary>
    public static async Task<DeviceHarness> StartAsync(Guid? peerId, Action<OcfStack>? configure, CancellationToken cancellationToken)
    {
        var log = new RecordingLogger("device");
        var store = new InMemoryOcfStore();
        var stack = CreateStack(store, log);
        configure?.Invoke(stack);
        var harness = new DeviceHarness(stack, store, log);
        var (a, b) = DuplexPipe.CreatePair();
        Stream deviceStream = a;
        Stream peerStream = b;
        if (peerId is { } id)
        {
            var pki = Dps.Testing.Pki.TestPki.Shared;
            using var peerIdentity = IssuePeerIdentity(id);
            var serverTls = new SslStream(a);
            var clientTls = new SslStream(b);
            var serverSettings = new TlsServerSettings { ServerIdentity = pki.DpsServer, ClientCertificateValidator = (_, _) => true };
            var clientSettings = new TlsClientSettings
            {
                TargetHost = "localhost",
                ClientIdentity = peerIdentity,
                ServerVerification = { SkipVerify = true },
            };
            await Task.WhenAll(
                serverTls.AuthenticateAsServerAsync(serverSettings.ToSslOptions(), cancellationToken),
                clientTls.AuthenticateAsClientAsync(clientSettings.ToSslOptions(), cancellationToken));
            deviceStream = serverTls;
            peerStream = clientTls;
        }

        harness.DeviceConnection = new CoapConnection(deviceStream, null, stack, null, log.CreateLogger("device-connection"));
        harness.Peer = new CoapConnection(peerStream, null, null, null, log.CreateLogger("peer-connection"));
        harness.DeviceConnection.Start();
        harness.Peer.Start();
        await harness.Peer.WaitForPeerCsmAsync(cancellationToken);
        return harness;
    }

    /// <summary>A certificate <c>CN=uuid:&lt;id&gt;</c> from the shared manufacturer CA, with its key.</summary>
    public static TlsIdentity IssuePeerIdentity(Guid id)
    {
        var pki = Dps.Testing.Pki.TestPki.Shared;
        using var key = EcKeys.Generate();
        using var leaf = pki.MfgCa.IssueDeviceCertificate(
            new X500DistinguishedName("CN=uuid:" + id.ToString("D")), key, pki.ValidFrom, pki.ValidFrom.AddDays(30));
        return TlsIdentity.Create(leaf, key);
    }

    public Task<CoapMessage> SendAsync(CoapCode method, string pathAndQuery, byte[]? cbor, CancellationToken cancellationToken)
    {
        var request = StackHarness.OcfRequest(method, pathAndQuery);
        if (cbor is not null)
        {
            request.SetPayload(cbor, CoapContentFormat.OcfCbor);
        }

        return Peer.SendAsync(request.Build(), null, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Peer.DisposeAsync();
        await DeviceConnection.DisposeAsync();
        await Stack.DisposeAsync();
        Assert.That(Log.Errors, Is.Empty, "no Error logs");
    }
}
