using Dps.Testing.Pki;

namespace Dps.Security.Tests;

public sealed class PemCertificatesTests
{
    [Test]
    public void LoadChain_ChainPem_ReturnsCertificatesInOrder()
    {
        TestPki pki = TestPki.Shared;
        string pem = PemCertificates.ToPem(pki.MfgDevice.Chain);

        IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> chain = PemCertificates.LoadChain(pem);

        Assert.That(chain.Select(c => c.Thumbprint), Is.EqualTo(new[] { pki.MfgDevice.Certificate.Thumbprint, pki.MfgCa.Certificate.Thumbprint }));
    }

    [Test]
    public void LoadChain_CertificateAndKeyInOneFile_SkipsKey()
    {
        TestPki pki = TestPki.Shared;
        using var key = pki.MfgDevice.GetPrivateKey();
        string pem = EcKeys.ToPkcs8Pem(key) + PemCertificates.ToPem(pki.MfgDevice.Certificate);

        var chain = PemCertificates.LoadChain(pem);

        Assert.That(chain, Has.Count.EqualTo(1));
    }

    [Test]
    public void ToPem_Certificate_Has64ColumnLinesAndTrailingNewline()
    {
        string pem = PemCertificates.ToPem(TestPki.Shared.RootCa.Certificate);
        string[] lines = pem.Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(pem, Does.StartWith("-----BEGIN CERTIFICATE-----\n"));
            Assert.That(pem, Does.EndWith("-----END CERTIFICATE-----\n"));
            Assert.That(lines.Skip(1).Take(lines.Length - 3).All(l => l.Length <= 64), Is.True);
            Assert.That(lines[1], Has.Length.EqualTo(64));
        });
    }

    [TestCase("")]
    [TestCase("hello world")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    public void LoadChain_NoCertificateBlock_ThrowsPemFormatException(string pem)
    {
        var ex = Assert.Throws<PemFormatException>(() => PemCertificates.LoadChain(pem));

        Assert.That(ex!.Message, Does.Contain("no '-----BEGIN CERTIFICATE-----' block"));
    }

    [TestCase("-----BEGIN CERTIFICATE-----\n!!!notbase64!!!\n-----END CERTIFICATE-----\n")]
    [TestCase("-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n")]
    public void LoadChain_MalformedArmorOrBase64_ThrowsPemFormatException(string pem)
    {
        var ex = Assert.Throws<PemFormatException>(() => PemCertificates.LoadChain(pem));

        Assert.That(ex!.Message, Does.Contain("malformed"));
    }

    [Test]
    public void LoadChain_ValidBase64ButNotDer_ThrowsPemFormatExceptionNamingTheCertificate()
    {
        string pem = "-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----\n";

        var ex = Assert.Throws<PemFormatException>(() => PemCertificates.LoadChain(pem));

        Assert.That(ex!.Message, Does.Contain("certificate #1 is not a valid DER"));
    }

    [Test]
    public void LoadCertificate_TwoCertificates_Throws()
    {
        string pem = PemCertificates.ToPem(TestPki.Shared.MfgDevice.Chain);

        Assert.Throws<PemFormatException>(() => PemCertificates.LoadCertificate(pem));
    }

    [Test]
    public void FromDer_RoundTripsRawData()
    {
        byte[] der = TestPki.Shared.HubCa.Certificate.RawData;

        using var certificate = PemCertificates.FromDer(der);

        Assert.That(certificate.RawData, Is.EqualTo(der));
    }

    [Test]
    public void FromDer_Garbage_ThrowsPemFormatException()
    {
        Assert.Throws<PemFormatException>(() => PemCertificates.FromDer(new byte[] { 0x30, 0x03, 0x01 }));
    }
}
