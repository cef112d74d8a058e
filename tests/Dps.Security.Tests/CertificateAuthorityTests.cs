using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Security.Tests;

public sealed class CertificateAuthorityTests
{
    private static readonly Guid DeviceId = new("3f1e0b6c-2a65-4c3f-8f5a-5c2f3c5f0c11");

    private static DateTimeOffset Utc(DateTime time) => new(time.ToUniversalTime(), TimeSpan.Zero);

    [Test]
    public void IssueIdentityCertificate_Csr_HasKeySubjectUsagesAndValidity()
    {
        TestPki pki = TestPki.Shared;
        var time = new FakeTimeProvider(new DateTimeOffset(pki.ValidFrom.UtcDateTime.Date.AddDays(3).AddHours(5), TimeSpan.Zero));
        using ECDsa key = EcKeys.Generate();
        var csr = CertificateSigningRequest.Create(key, DeviceId);

        using X509Certificate2 certificate = pki.HubCa.IssueIdentityCertificate(csr, time, TimeSpan.FromDays(30));

        using ECDsa? certificateKey = certificate.GetECDsaPublicKey();
        Assert.Multiple(() =>
        {
            Assert.That(EcKeys.HaveSamePublicKey(certificateKey!, key), Is.True);
            Assert.That(certificate.SubjectName.RawData, Is.EqualTo(csr.Subject.RawData));
            Assert.That(certificate.IssuerName.RawData, Is.EqualTo(pki.HubCa.Certificate.SubjectName.RawData));
            Assert.That(OcfCertificates.TryGetDeviceId(certificate, out Guid id) && id == DeviceId, Is.True);
            Assert.That(OcfCertificates.GetKeyUsage(certificate), Is.EqualTo(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement));
            Assert.That(OcfCertificates.GetExtendedKeyUsages(certificate), Is.EquivalentTo(new[] { OcfOids.ServerAuth, OcfOids.ClientAuth, OcfOids.OcfIdentity }));
            Assert.That(OcfCertificates.IsIdentityCertificate(certificate), Is.True);
            Assert.That(Utc(certificate.NotBefore), Is.EqualTo(time.GetUtcNow().AddHours(-1)));
            Assert.That(Utc(certificate.NotAfter), Is.EqualTo(time.GetUtcNow().AddHours(-1).AddDays(30)));
            Assert.That(certificate.SignatureAlgorithm.Value, Is.EqualTo(OcfOids.EcdsaWithSha256));
            Assert.That(certificate.GetSerialNumber(), Has.Length.InRange(16, 17));
        });
    }

    [Test]
    public void IssueIdentityCertificate_DefaultValidity_ClampedToCaNotAfter()
    {
        TestPki pki = TestPki.Shared;
        var time = new FakeTimeProvider(pki.ValidFrom.AddDays(2));
        using ECDsa key = EcKeys.Generate();

        using X509Certificate2 certificate = pki.HubCa.IssueIdentityCertificate(CertificateSigningRequest.Create(key, DeviceId), time);

        // 87600 h = 10 years from now; the hub CA lives 20 years from ValidFrom, so no clamp here ...
        Assert.That(Utc(certificate.NotAfter), Is.EqualTo(TruncateSeconds(time.GetUtcNow().AddHours(-1) + CertificateAuthority.DefaultIdentityValidity)));

        // ... but 15 years later only the CA's remaining lifetime is left.
        time.Advance(TimeSpan.FromDays(365 * 15));
        using X509Certificate2 late = pki.HubCa.IssueIdentityCertificate(CertificateSigningRequest.Create(key, DeviceId), time);
        Assert.That(late.NotAfter, Is.EqualTo(pki.HubCa.Certificate.NotAfter));
    }

    [Test]
    public void IssueIdentityCertificate_IntermediateExpiresFirst_ClampedToIntermediate()
    {
        DateTimeOffset start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using ECDsa rootKey = EcKeys.Generate();
        using ECDsa caKey = EcKeys.Generate();
        using var root = CertificateAuthority.CreateRoot(new X500DistinguishedName("CN=root"), rootKey, start, start.AddYears(20));
        using var intermediate = root.IssueIntermediate(new X500DistinguishedName("CN=signer"), caKey, start.AddDays(1), start.AddDays(100));
        var time = new FakeTimeProvider(start.AddDays(1).AddMinutes(30));
        using ECDsa key = EcKeys.Generate();

        using X509Certificate2 certificate = intermediate.IssueIdentityCertificate(CertificateSigningRequest.Create(key, DeviceId), time);

        Assert.Multiple(() =>
        {
            // now − 1 h would be before the intermediate's notBefore.
            Assert.That(Utc(certificate.NotBefore), Is.EqualTo(start.AddDays(1)));
            Assert.That(Utc(certificate.NotAfter), Is.EqualTo(start.AddDays(100)));
            Assert.That(intermediate.Chain, Has.Count.EqualTo(2));
            Assert.That(CertificateChainVerifier.Verify(certificate, [root.Certificate], intermediate.Chain, time.GetUtcNow()).IsTrusted, Is.True);
        });
    }

    [Test]
    public void IssueIdentityCertificate_CaExpired_Throws()
    {
        TestPki pki = TestPki.Shared;
        var time = new FakeTimeProvider(pki.ValidFrom.AddYears(25));
        using ECDsa key = EcKeys.Generate();

        Assert.Throws<CertificateSigningException>(() => pki.HubCa.IssueIdentityCertificate(CertificateSigningRequest.Create(key, DeviceId), time));
    }

    [Test]
    public void IssueIdentityCertificate_TamperedCsr_Throws()
    {
        using ECDsa key = EcKeys.Generate();
        byte[] der = CertificateSigningRequest.Create(key, DeviceId).Der.ToArray();
        der[^5] ^= 0x01;
        var csr = CertificateSigningRequest.FromDer(der);

        var ex = Assert.Throws<CertificateSigningException>(() => TestPki.Shared.HubCa.IssueIdentityCertificate(csr, new FakeTimeProvider(TestPki.Shared.ValidFrom.AddDays(2))));

        Assert.That(ex!.Message, Does.Contain("signature"));
    }

    [TestCase("CN=device-1")]
    [TestCase("CN=uuid:not-a-uuid")]
    [TestCase("O=Example")]
    public void IssueIdentityCertificate_CnNotUuid_Throws(string subject)
    {
        using ECDsa key = EcKeys.Generate();
        var csr = CertificateSigningRequest.Create(key, new X500DistinguishedName(subject));

        var ex = Assert.Throws<CertificateSigningException>(() => TestPki.Shared.HubCa.IssueIdentityCertificate(csr, new FakeTimeProvider(TestPki.Shared.ValidFrom.AddDays(2))));

        Assert.That(ex!.Message, Does.Contain("uuid:"));
    }

    [Test]
    public void IssueIdentityCertificate_UuidWithoutRfc4122Bits_Accepted()
    {
        using ECDsa key = EcKeys.Generate();
        var csr = CertificateSigningRequest.Create(key, new X500DistinguishedName("CN=uuid:12345678-1234-f234-0234-123456789ABC"));

        using X509Certificate2 certificate = TestPki.Shared.HubCa.IssueIdentityCertificate(csr, new FakeTimeProvider(TestPki.Shared.ValidFrom.AddDays(2)));

        Assert.That(OcfCertificates.GetCommonName(certificate), Is.EqualTo("uuid:12345678-1234-f234-0234-123456789ABC"));
    }

    [Test]
    public void IssueIdentityCertificate_TwoCertificates_HaveDifferentRandomSerials()
    {
        using ECDsa key = EcKeys.Generate();
        var csr = CertificateSigningRequest.Create(key, DeviceId);
        var time = new FakeTimeProvider(TestPki.Shared.ValidFrom.AddDays(2));

        using X509Certificate2 a = TestPki.Shared.HubCa.IssueIdentityCertificate(csr, time);
        using X509Certificate2 b = TestPki.Shared.HubCa.IssueIdentityCertificate(csr, time);

        Assert.That(a.SerialNumber, Is.Not.EqualTo(b.SerialNumber));
    }

    [Test]
    public void IssueIntermediate_PathLength_IsCaWithConstraint()
    {
        X509Certificate2 mfgCa = TestPki.Shared.MfgCa.Certificate;
        X509BasicConstraintsExtension basic = mfgCa.Extensions.OfType<X509BasicConstraintsExtension>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(basic.CertificateAuthority, Is.True);
            Assert.That(basic.HasPathLengthConstraint, Is.True);
            Assert.That(basic.PathLengthConstraint, Is.Zero);
            Assert.That(basic.Critical, Is.True);
            Assert.That(TestPki.Shared.MfgCa.Root.Thumbprint, Is.EqualTo(TestPki.Shared.RootCa.Certificate.Thumbprint));
        });
    }

    [Test]
    public void IssueServerCertificate_Sans_ContainsDnsAndIps()
    {
        X509Certificate2 server = TestPki.Shared.DpsServer.Certificate;
        X509SubjectAlternativeNameExtension san = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(san.EnumerateDnsNames(), Is.EqualTo(new[] { "localhost" }));
            Assert.That(san.EnumerateIPAddresses(), Is.EqualTo(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }));
            Assert.That(server.MatchesHostname("127.0.0.1"), Is.True);
        });
    }

    [Test]
    public void FromPem_FilesOfTestPki_IssuesVerifiableCertificates()
    {
        string dir = TestPki.SharedDirectory();
        using var ca = CertificateAuthority.FromPem(
            File.ReadAllText(Path.Combine(dir, "mfg-ca.crt")) + File.ReadAllText(Path.Combine(dir, "root-ca.crt")),
            File.ReadAllText(Path.Combine(dir, "mfg-ca.key")));
        using ECDsa key = EcKeys.Generate();
        DateTimeOffset now = TestPki.Shared.ValidFrom.AddDays(2);

        using X509Certificate2 device = ca.IssueDeviceCertificate(new X500DistinguishedName("CN=uuid:00000000-0000-0000-0000-000000000002"), key, now, now.AddDays(1));

        Assert.That(CertificateChainVerifier.Verify(device, [TestPki.Shared.RootCa.Certificate], ca.Chain, now.AddHours(1)).IsTrusted, Is.True);
    }

    [Test]
    public void FromPem_KeyOfAnotherCa_Throws()
    {
        string dir = TestPki.SharedDirectory();

        Assert.Throws<PemFormatException>(() => CertificateAuthority.FromPem(
            File.ReadAllText(Path.Combine(dir, "mfg-ca.crt")),
            File.ReadAllText(Path.Combine(dir, "root-ca.key"))));
    }

    private static DateTimeOffset TruncateSeconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset);
}
