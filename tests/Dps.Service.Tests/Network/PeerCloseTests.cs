using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Dps.Security;
using Dps.Service.Configuration;
using Microsoft.Extensions.Logging;

namespace Dps.Service.Tests.Network;

/// <summary>
/// Authenticated TLS peers that close right after the handshake, over and over: the service serves
/// each as a connection that ended (debug lines only), with no warning, error or exception logged.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class PeerCloseTests
{
    private const int Peers = 20;

    [Test]
    [CancelAfter(60_000)]
    public async Task HubAndDps_PeersCloseRightAfterTheHandshake_NoWarningNoException(CancellationToken cancellationToken)
    {
        await using var service = await RunningService.StartAsync(logLevel: LogLevel.Debug);
        using var mfg = service.LoadManufacturerIdentity();
        using var hubIdentity = IssueHubIdentity(service);
        var hubTls = new TlsClientSettings { TargetHost = "localhost", ClientIdentity = hubIdentity };
        foreach (var anchor in PemCertificates.LoadChainFile(Path.Combine(service.Directory, ServiceConfigTemplate.CloudCaCertificateFile)))
        {
            hubTls.ServerVerification.TrustAnchors.Add(anchor);
        }

        for (var i = 0; i < Peers; i++)
        {
            await HandshakeAndCloseAsync(service.Host.HubAddress, hubTls.ToSslOptions(), cancellationToken);
            await HandshakeAndCloseAsync(service.Host.DpsAddress, service.DpsTls(mfg).ToSslOptions(), cancellationToken);
        }

        await service.Log.WaitForAsync(e => Finished(e, "Dps.Service.HubListener"), Peers, cancellationToken);
        await service.Log.WaitForAsync(e => Finished(e, "Dps.Service.DpsListener"), Peers, cancellationToken);

        var entries = service.Log.Entries;
        Assert.Multiple(() =>
        {
            Assert.That(entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Category}: {e.Message}"), Is.Empty);
            Assert.That(entries.Where(e => e.Exception is not null && e.Level >= LogLevel.Information).Select(e => $"{e.Category}: {e.Exception}"), Is.Empty);
            Assert.That(service.Host.HubHandshakeFailures + service.Host.DpsHandshakeFailures, Is.Zero);
        });
    }

    private static bool Finished(Dps.Testing.LogEntry entry, string category) =>
        entry.Category == category && entry.Message.StartsWith("Connection with ", StringComparison.Ordinal) && entry.Message.EndsWith(" finished", StringComparison.Ordinal);

    private static async Task HandshakeAndCloseAsync(IPEndPoint address, SslClientAuthenticationOptions options, CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, address.Port, cancellationToken);
        await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsClientAsync(options, cancellationToken);
    }

    private static TlsIdentity IssueHubIdentity(RunningService service)
    {
        using var hubCa = CertificateAuthority.FromPem(
            File.ReadAllText(Path.Combine(service.Directory, ServiceConfigTemplate.CloudCaCertificateFile)),
            File.ReadAllText(Path.Combine(service.Directory, ServiceConfigTemplate.CloudCaKeyFile)));
        using var key = EcKeys.Generate();
        using var leaf = hubCa.IssueIdentityCertificate(CertificateSigningRequest.Parse(CertificateSigningRequest.CreatePem(key, Guid.NewGuid())), TimeProvider.System);
        return TlsIdentity.Create(leaf, key, hubCa.Chain);
    }
}
