using System.Security.Cryptography;
using Dps.Security;
using Dps.Testing.Pki;
using DpsCloudServer.Pki;

namespace Dps.CloudServer.Tests.Pki;

public class ManufacturerCredentialsTests
{
    private PkiDirectory _pki = null!;

    [SetUp]
    public void SetUp()
    {
        _pki = new PkiDirectory();
        _pki.WriteAll();
    }

    [TearDown]
    public void TearDown() => _pki.Dispose();

    private string PathOf(string fileName) => Path.Combine(_pki.Path, fileName);

    [Test]
    public void Load_AllFiles_IdentityWithKeyAndIntermediateAndTrustAnchor()
    {
        using var credentials = ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: true);

        Assert.Multiple(() =>
        {
            Assert.That(credentials.Identity.Certificate.HasPrivateKey, Is.True);
            Assert.That(credentials.Identity.Certificate.Thumbprint, Is.EqualTo(TestPki.Shared.MfgDevice.Certificate.Thumbprint));
            Assert.That(credentials.Identity.Intermediates, Has.Count.EqualTo(1));
            Assert.That(credentials.TrustAnchors, Has.Count.EqualTo(1));
            Assert.That(credentials.TrustAnchors[0].Thumbprint, Is.EqualTo(TestPki.Shared.HubCa.Certificate.Thumbprint));
        });
    }

    [Test]
    public void Load_TrustAnchorSkipped_DpscaNotNeeded()
    {
        File.Delete(_pki.TrustAnchorPath);

        using var credentials = ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: false);

        Assert.That(credentials.TrustAnchors, Is.Empty);
    }

    [Test]
    public void Load_MissingDirectory_NamesIt()
    {
        var missing = Path.Combine(_pki.Path, "nope");

        var ex = Assert.Throws<PkiLoadException>(() => ManufacturerCredentials.Load(missing, loadTrustAnchor: true));

        Assert.That(ex!.Message, Does.Contain(missing).And.Contain("does not exist"));
    }

    [TestCase(ManufacturerCredentials.TrustAnchorFileName)]
    [TestCase(ManufacturerCredentials.CertificateFileName)]
    [TestCase(ManufacturerCredentials.PrivateKeyFileName)]
    public void Load_MissingFile_NamesFileAndReason(string fileName)
    {
        File.Delete(PathOf(fileName));

        var ex = Assert.Throws<PkiLoadException>(() => ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: true));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain(PathOf(fileName)).And.Contain("not found"));
            Assert.That(ex.FilePath, Is.EqualTo(PathOf(fileName)));
        });
    }

    [TestCase(ManufacturerCredentials.TrustAnchorFileName, "not a pem file")]
    [TestCase(ManufacturerCredentials.CertificateFileName, "")]
    [TestCase(ManufacturerCredentials.CertificateFileName, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    [TestCase(ManufacturerCredentials.CertificateFileName, "-----BEGIN CERTIFICATE-----\nMIIB\n")]
    [TestCase(ManufacturerCredentials.PrivateKeyFileName, "garbage")]
    [TestCase(ManufacturerCredentials.PrivateKeyFileName, "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")]
    public void Load_MalformedFile_NamesFile(string fileName, string contents)
    {
        File.WriteAllText(PathOf(fileName), contents);

        var ex = Assert.Throws<PkiLoadException>(() => ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: true));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.StartWith(PathOf(fileName) + ":"));
            Assert.That(ex.FilePath, Is.EqualTo(PathOf(fileName)));
        });
    }

    [Test]
    public void Load_KeyFileHoldsCertificate_NamesKeyFile()
    {
        File.Copy(_pki.CertificatePath, _pki.PrivateKeyPath, overwrite: true);

        var ex = Assert.Throws<PkiLoadException>(() => ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: true));

        Assert.That(ex!.Message, Does.StartWith(_pki.PrivateKeyPath + ": malformed PEM"));
    }

    [Test]
    public void Load_KeyOfAnotherCertificate_NamesBothFilesWithoutKeyMaterial()
    {
        using ECDsa other = EcKeys.Generate();
        var otherPem = EcKeys.ToPkcs8Pem(other);
        File.WriteAllText(_pki.PrivateKeyPath, otherPem);

        var ex = Assert.Throws<PkiLoadException>(() => ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: true));

        var keyBody = otherPem.Split('\n')[1];
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain(_pki.PrivateKeyPath).And.Contain(_pki.CertificatePath).And.Contain("does not belong"));
            Assert.That(ex.Message, Does.Not.Contain(keyBody));
            Assert.That(ex.ToString(), Does.Not.Contain(keyBody));
        });
    }

    [TestCase(ManufacturerCredentials.TrustAnchorFileName)]
    [TestCase(ManufacturerCredentials.PrivateKeyFileName)]
    public void Load_DirectoryInsteadOfFile_NamesIt(string fileName)
    {
        File.Delete(PathOf(fileName));
        Directory.CreateDirectory(PathOf(fileName));

        var ex = Assert.Throws<PkiLoadException>(() => ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: true));

        Assert.That(ex!.Message, Does.StartWith(PathOf(fileName) + ": is a directory"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Load_UnreadableKeyFile_NamesFile()
    {
        if (Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("root reads files regardless of their mode");
        }
        File.SetUnixFileMode(_pki.PrivateKeyPath, UnixFileMode.None);

        var ex = Assert.Throws<PkiLoadException>(() => ManufacturerCredentials.Load(_pki.Path, loadTrustAnchor: true));

        Assert.That(ex!.Message, Does.Contain(_pki.PrivateKeyPath).And.Contain("permission denied"));
    }
}
