using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Security.Tests.Integration;

[Category("Integration")]
public sealed class TlsSettingsLoopbackTests
{
    private static TestPki Pki => TestPki.Shared;

    private static FakeTimeProvider Clock => new(DateTimeOffset.UtcNow);

    private static TlsServerSettings DpsServer(TlsIdentity? identity = null)
    {
        var settings = new TlsServerSettings { ServerIdentity = identity ?? Pki.DpsServer, TimeProvider = Clock };
        settings.ClientTrustAnchors.Add(Pki.RootCa.Certificate);
        return settings;
    }

    private static TlsClientSettings Device(params X509Certificate2[] anchors)
    {
        var settings = new TlsClientSettings { TargetHost = "dps.example", ClientIdentity = Pki.MfgDevice, TimeProvider = Clock };
        foreach (X509Certificate2 anchor in anchors)
        {
            settings.ServerVerification.TrustAnchors.Add(anchor);
        }

        return settings;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_RightAnchorsBothWays_SucceedsWithCoapAlpnDespiteNameMismatch(CancellationToken cancellationToken)
    {
        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), Device(Pki.HubCa.Certificate).ToSslOptions(), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.ClientError, Is.Null);
            Assert.That(result.ServerError, Is.Null);
            Assert.That(result.ApplicationProtocol, Is.EqualTo(OcfCipherSuites.CoapAlpn));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_ServerFromWrongCa_ClientRejects(CancellationToken cancellationToken)
    {
        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), Device(Pki.RootCa.Certificate).ToSslOptions(), cancellationToken);

        Assert.That(result.ClientError, Is.InstanceOf<AuthenticationException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_SkipVerifyWithWrongCa_Succeeds(CancellationToken cancellationToken)
    {
        TlsClientSettings device = Device(Pki.RootCa.Certificate);
        device.ServerVerification.SkipVerify = true;

        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_FingerprintOfLeafNoAnchors_Succeeds(CancellationToken cancellationToken)
    {
        TlsClientSettings device = Device();
        device.ServerVerification.Fingerprint = CertificateFingerprint.Compute(Pki.DpsServer.Certificate, HashAlgorithmName.SHA256);

        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_FingerprintOfIntermediateSentByServer_Succeeds(CancellationToken cancellationToken)
    {
        // hub-ca -> intermediate -> server; the server sends leaf + intermediate, the client has no anchors.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using ECDsa caKey = EcKeys.Generate();
        using CertificateAuthority intermediate = Pki.HubCa.IssueIntermediate(new X500DistinguishedName("CN=Hub Intermediate"), caKey, now.AddDays(-1), now.AddDays(30));
        using ECDsa key = EcKeys.Generate();
        using X509Certificate2 leaf = intermediate.IssueServerCertificate(new X500DistinguishedName("CN=localhost"), key, ["localhost"], [], now.AddDays(-1), now.AddDays(30));
        using TlsIdentity server = TlsIdentity.Create(leaf, key, [intermediate.Certificate]);
        TlsClientSettings device = Device();
        device.ServerVerification.Fingerprint = CertificateFingerprint.Compute(intermediate.Certificate, HashAlgorithmName.SHA384);

        var result = await LoopbackTls.RunAsync(DpsServer(server).ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_FingerprintOfRootAnchorWhenChainFails_Succeeds(CancellationToken cancellationToken)
    {
        // Servers do not send their root; like mbedTLS, the anchor visited while building the chain
        // counts. The expired server certificate makes base verification fail.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using TlsIdentity expired = Pki.IssueDpsServer(now.AddDays(-10), now.AddDays(-5));
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.ServerVerification.Fingerprint = CertificateFingerprint.Compute(Pki.HubCa.Certificate, HashAlgorithmName.SHA256);

        var result = await LoopbackTls.RunAsync(DpsServer(expired).ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_UnrelatedFingerprint_ClientRejects(CancellationToken cancellationToken)
    {
        TlsClientSettings device = Device();
        device.ServerVerification.Fingerprint = CertificateFingerprint.Compute(Pki.RootCa.Certificate, HashAlgorithmName.SHA256);
        device.ServerVerification.SkipVerify = true;

        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.ClientError, Is.InstanceOf<AuthenticationException>());
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(10_000)]
    public async Task Handshake_ExpiredServerCertificate_AcceptedOnlyWhenIgnoringValidity(bool ignoreValidity, CancellationToken cancellationToken)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using TlsIdentity expired = Pki.IssueDpsServer(now.AddDays(-10), now.AddDays(-5));
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.ServerVerification.IgnoreValidityPeriod = ignoreValidity;

        var result = await LoopbackTls.RunAsync(DpsServer(expired).ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.ClientError, ignoreValidity ? Is.Null : Is.InstanceOf<AuthenticationException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_ClientWithoutCertificate_ServerRejects(CancellationToken cancellationToken)
    {
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.ClientIdentity = null;

        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.ServerError, Is.InstanceOf<AuthenticationException>());
            Assert.That(result.ClientError, Is.Not.Null);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_ClientWithoutCertificateOptional_CustomValidatorGetsEmptyList(CancellationToken cancellationToken)
    {
        int calls = 0;
        TlsServerSettings server = DpsServer();
        server.ClientCertificateRequired = false;
        server.ClientCertificateValidator = (_, presented) =>
        {
            Interlocked.Increment(ref calls);
            return presented.Count == 0;
        };
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.ClientIdentity = null;

        var result = await LoopbackTls.RunAsync(server.ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
            Assert.That(calls, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_ClientFromWrongCa_ServerRejects(CancellationToken cancellationToken)
    {
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.ClientIdentity = Pki.HubIdentityDevice;

        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.ServerError, Is.InstanceOf<AuthenticationException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_DeviceSendsLeafAndIntermediate_ServerTrustingOnlyRootAcceptsAndSeesBoth(CancellationToken cancellationToken)
    {
        int presentedCount = 0;
        TlsServerSettings server = DpsServer();
        server.ClientCertificateValidator = (_, presented) =>
        {
            presentedCount = presented.Count;
            return PeerCertificateVerifier.EvaluateClient(presented, true, [Pki.RootCa.Certificate], [], DateTimeOffset.UtcNow).IsAccepted;
        };

        var result = await LoopbackTls.RunAsync(server.ToSslOptions(), Device(Pki.HubCa.Certificate).ToSslOptions(), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
            Assert.That(presentedCount, Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_DeviceSendsLeafOnly_ServerTrustingOnlyRootRejects(CancellationToken cancellationToken)
    {
        using TlsIdentity leafOnly = TlsIdentity.Create(Pki.MfgDevice.Certificate, Pki.MfgDevice.GetPrivateKey());
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.ClientIdentity = leafOnly;

        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.ServerError, Is.InstanceOf<AuthenticationException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_DeviceSendsLeafOnly_ServerWithExtraIntermediateAccepts(CancellationToken cancellationToken)
    {
        using TlsIdentity leafOnly = TlsIdentity.Create(Pki.MfgDevice.Certificate, Pki.MfgDevice.GetPrivateKey());
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.ClientIdentity = leafOnly;
        TlsServerSettings server = DpsServer();
        server.ClientIntermediates.Add(Pki.MfgCa.Certificate);

        var result = await LoopbackTls.RunAsync(server.ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_OcfCloudCipherSuites_NegotiatesTls12SuiteFromList(CancellationToken cancellationToken)
    {
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.RestrictToOcfCloudCipherSuites = true;

        var result = await LoopbackTls.RunAsync(DpsServer().ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, () => $"{result.ClientError} / {result.ServerError}");
            Assert.That(result.Protocol, Is.EqualTo(SslProtocols.Tls12));
            Assert.That(OcfCipherSuites.Cloud, Does.Contain(result.CipherSuite));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handshake_ServerRestrictedToCcm8ClientCloudList_Fails(CancellationToken cancellationToken)
    {
        TlsServerSettings server = DpsServer();
        server.CipherSuites = [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8];
        TlsClientSettings device = Device(Pki.HubCa.Certificate);
        device.RestrictToOcfCloudCipherSuites = true;

        var result = await LoopbackTls.RunAsync(server.ToSslOptions(), device.ToSslOptions(), cancellationToken);

        Assert.That(result.Succeeded, Is.False);
    }
}
