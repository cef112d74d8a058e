using System.Buffers.Binary;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Testing;

namespace Dps.Coap.Tests.Connection;

public sealed partial class CoapConnectionTests
{
    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static bool Pinned(X509Certificate? presented, X509Certificate2 expected) =>
        presented is not null && presented.GetCertHashString() == expected.GetCertHashString();

    [Test]
    [CancelAfter(20_000)]
    public async Task OverSslStream_OneFramePerTlsRecordAndRemoteCertificateExposed(CancellationToken cancellationToken)
    {
        using var serverCertificate = SelfSigned("CN=localhost");
        using var clientCertificate = SelfSigned("CN=uuid:1640915f-d3f0-44ce-54bb-5bff4d0ed8a7");
        var (a, b) = DuplexPipe.CreatePair();
        var clientRaw = new RecordingStream(a);
        // Pinned: each side accepts exactly the other's self-signed certificate.
        var clientTls = new SslStream(clientRaw, false, (_, certificate, _, _) => Pinned(certificate, serverCertificate));
        var serverTls = new SslStream(b, false, (_, certificate, _, _) => Pinned(certificate, clientCertificate));
        await Task.WhenAll(
            clientTls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    EnabledSslProtocols = SslProtocols.Tls12,
                    ClientCertificates = [clientCertificate],
                },
                cancellationToken),
            serverTls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateRequired = true,
                    EnabledSslProtocols = SslProtocols.Tls12,
                },
                cancellationToken));
        int handshakeWrites = clientRaw.Writes.Count;
        await using var client = new CoapConnection(clientTls);
        await using var server = new CoapConnection(serverTls, handler: DelegateCoapHandler.Echo());
        client.Start();
        server.Start();

        for (int i = 0; i < 5; i++)
        {
            await client.SendAsync(Post("/echo", new byte[100 * i]), cancellationToken: cancellationToken);
        }

        await client.PingAsync(cancellationToken);
        var applicationWrites = clientRaw.Writes.Skip(handshakeWrites).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(applicationWrites, Has.Count.EqualTo(1 + 5 + 1)); // CSM, requests, ping
            foreach (byte[] write in applicationWrites)
            {
                Assert.That(write[0], Is.EqualTo(23)); // application_data
                Assert.That(BinaryPrimitives.ReadUInt16BigEndian(write.AsSpan(3)) + 5, Is.EqualTo(write.Length)); // exactly one record
            }

            Assert.That(server.RemoteCertificate?.Subject, Is.EqualTo(clientCertificate.Subject));
            Assert.That(client.RemoteCertificate?.Subject, Is.EqualTo("CN=localhost"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RemoteCertificate_AfterThePeerClosedRightAfterTheHandshake_StillReadable(CancellationToken cancellationToken)
    {
        using var serverCertificate = SelfSigned("CN=localhost");
        using var clientCertificate = SelfSigned("CN=uuid:1640915f-d3f0-44ce-54bb-5bff4d0ed8a7");
        var (a, b) = DuplexPipe.CreatePair();
        var clientTls = new SslStream(a, false, (_, certificate, _, _) => Pinned(certificate, serverCertificate));
        var serverTls = new SslStream(b, false, (_, certificate, _, _) => Pinned(certificate, clientCertificate));
        await Task.WhenAll(
            clientTls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12, ClientCertificates = [clientCertificate] },
                cancellationToken),
            serverTls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificate = serverCertificate, ClientCertificateRequired = true, EnabledSslProtocols = SslProtocols.Tls12 },
                cancellationToken));
        await using var server = new CoapConnection(serverTls, handler: DelegateCoapHandler.Echo());
        server.Start();

        await clientTls.DisposeAsync();
        await server.Completion.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(server.IsConnected, Is.False);
            Assert.That(() => serverTls.RemoteCertificate, Throws.TypeOf<ObjectDisposedException>(), "the stream is disposed with the connection");
            Assert.That(server.RemoteCertificate?.Subject, Is.EqualTo(clientCertificate.Subject));
        });
    }
}
