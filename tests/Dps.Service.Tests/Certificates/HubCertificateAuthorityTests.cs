using System.Security.Cryptography.X509Certificates;
using Dps.Security;
using Dps.Service.Certificates;
using Dps.Service.Configuration;
using Dps.Testing.Pki;

namespace Dps.Service.Tests.Certificates;

public class HubCertificateAuthorityTests
{
    private static readonly Guid HubId = new("5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b");
    private string _directory = null!;
    private HubSettings _hub = null!;

    [SetUp]
    public void WriteCa()
    {
        _directory = Directory.CreateTempSubdirectory("hub-ca-").FullName;
        var pki = TestPki.Shared;
        var certificateFile = Path.Combine(_directory, "ca.crt");
        var keyFile = Path.Combine(_directory, "ca.key");
        PemFile.WriteCertificates(certificateFile, pki.HubCa.Chain);
        using (var key = pki.HubCa.ExportPrivateKey())
        {
            PemFile.WritePrivateKey(keyFile, key);
        }

        _hub = new HubSettings { Id = HubId, HubId = HubId, Gateways = ["coaps+tcp://127.0.0.1:20040"], CertificateAuthority = new TlsFiles(certificateFile, keyFile) };
    }

    [TearDown]
    public void DeleteCa() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task IssueIdentityAsync_ValidCsr_SignsItsKeyForTheRequestedWindow()
    {
        using var ca = new HubCertificateAuthority();
        using var key = EcKeys.Generate();
        var deviceId = new Guid("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7");
        var notBefore = TestPki.Shared.ValidFrom.AddDays(1);
        notBefore = new DateTimeOffset(notBefore.Year, notBefore.Month, notBefore.Day, notBefore.Hour, notBefore.Minute, notBefore.Second, TimeSpan.Zero);

        var issued = await ca.IssueIdentityAsync(new IdentityCertificateRequest(CertificateSigningRequest.CreatePem(key, deviceId), Guid.NewGuid(), _hub, notBefore, notBefore.AddDays(30)));

        using var leaf = PemCertificates.LoadCertificate(issued.ChainPem[0]);
        Assert.Multiple(() =>
        {
            Assert.That(issued.DeviceId, Is.EqualTo("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
            Assert.That(issued.ChainPem, Has.Count.EqualTo(2));
            Assert.That(leaf.PublicKey.ExportSubjectPublicKeyInfo(), Is.EqualTo(key.ExportSubjectPublicKeyInfo()));
            Assert.That(new DateTimeOffset(leaf.NotBefore.ToUniversalTime()), Is.EqualTo(notBefore));
            Assert.That(new DateTimeOffset(leaf.NotAfter.ToUniversalTime()), Is.EqualTo(notBefore.AddDays(30)));
            Assert.That(leaf.Issuer, Is.EqualTo(TestPki.Shared.HubCa.Certificate.Subject));
            Assert.That(OcfCertificates.IsIdentityCertificate(leaf), Is.True);
        });
    }

    [Test]
    public void IssueIdentityAsync_CnEqualsHubId_ThrowsCertificateRequestException()
    {
        using var ca = new HubCertificateAuthority();
        using var key = EcKeys.Generate();
        var now = DateTimeOffset.UtcNow;

        Assert.That(
            async () => await ca.IssueIdentityAsync(new IdentityCertificateRequest(CertificateSigningRequest.CreatePem(key, HubId), Guid.NewGuid(), _hub, now, now.AddDays(1))),
            Throws.TypeOf<CertificateRequestException>().With.Message.Contains("hub id"));
    }

    [TestCase("not a csr")]
    [TestCase("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")]
    public void IssueIdentityAsync_MalformedCsr_ThrowsCertificateRequestException(string csr)
    {
        using var ca = new HubCertificateAuthority();
        var now = DateTimeOffset.UtcNow;

        Assert.That(
            async () => await ca.IssueIdentityAsync(new IdentityCertificateRequest(csr, Guid.NewGuid(), _hub, now, now.AddDays(1))),
            Throws.TypeOf<CertificateRequestException>());
    }

    [Test]
    public void IssueIdentityAsync_CsrWithoutUuidCn_ThrowsCertificateRequestException()
    {
        using var ca = new HubCertificateAuthority();
        using var key = EcKeys.Generate();
        var csr = CertificateSigningRequest.Create(key, new X500DistinguishedName("CN=device")).ToPem();
        var now = DateTimeOffset.UtcNow;

        Assert.That(
            async () => await ca.IssueIdentityAsync(new IdentityCertificateRequest(csr, Guid.NewGuid(), _hub, now, now.AddDays(1))),
            Throws.TypeOf<CertificateRequestException>().With.Message.Contains("uuid:"));
    }
}
