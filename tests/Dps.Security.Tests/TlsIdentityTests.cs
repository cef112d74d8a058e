using System.Security.Cryptography;
using Dps.Testing.Pki;

namespace Dps.Security.Tests;

public sealed class TlsIdentityTests
{
    [Test]
    public void FromPem_CombinedChainAndKey_HasPrivateKeyAndIntermediate()
    {
        TestPki pki = TestPki.Shared;
        using ECDsa key = pki.MfgDevice.GetPrivateKey();
        string full = PemCertificates.ToPem(pki.MfgDevice.Chain) + EcKeys.ToPkcs8Pem(key);

        using TlsIdentity identity = TlsIdentity.FromPem(full);

        Assert.Multiple(() =>
        {
            Assert.That(identity.Certificate.HasPrivateKey, Is.True);
            Assert.That(identity.Certificate.Thumbprint, Is.EqualTo(pki.MfgDevice.Certificate.Thumbprint));
            Assert.That(identity.Intermediates.Select(c => c.Thumbprint), Is.EqualTo(new[] { pki.MfgCa.Certificate.Thumbprint }));
        });
    }

    [Test]
    public void FromPem_Sec1KeyInSeparateText_Loads()
    {
        TestPki pki = TestPki.Shared;
        using ECDsa key = pki.DpsServer.GetPrivateKey();

        using TlsIdentity identity = TlsIdentity.FromPem(PemCertificates.ToPem(pki.DpsServer.Certificate), key.ExportECPrivateKeyPem());

        Assert.That(identity.Certificate.HasPrivateKey, Is.True);
    }

    [Test]
    public void FromPem_KeyOfAnotherCertificate_ThrowsPemFormatException()
    {
        TestPki pki = TestPki.Shared;
        using ECDsa other = EcKeys.Generate();

        var ex = Assert.Throws<PemFormatException>(() => TlsIdentity.FromPem(PemCertificates.ToPem(pki.DpsServer.Certificate), EcKeys.ToPkcs8Pem(other)));

        Assert.That(ex!.Message, Does.Contain("does not match"));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void FromPemFiles_FilesWrittenByTestPki_Load()
    {
        string dir = TestPki.SharedDirectory();

        using TlsIdentity identity = TlsIdentity.FromPemFiles(Path.Combine(dir, "mfg-device-chain.crt"), Path.Combine(dir, "mfg-device.key"));

        Assert.Multiple(() =>
        {
            Assert.That(identity.Chain, Has.Count.EqualTo(2));
            Assert.That(identity.Certificate.HasPrivateKey, Is.True);
            Assert.That(File.GetUnixFileMode(Path.Combine(dir, "mfg-device.key")), Is.EqualTo(PemFile.PrivateMode));
        });
    }
}
