using System.Runtime.Versioning;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Pki;
using Dps.Service.Provisioning;

namespace Dps.Service.Tests.Pki;

[UnsupportedOSPlatform("windows")]
public class DevelopmentPkiTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("dev-pki-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Initialize_EmptyDirectory_WritesALoadableSetupWithPrivateKeys()
    {
        var written = DevelopmentPki.Initialize(_directory, "alice", force: false, TimeProvider.System);

        var config = ServiceConfigLoader.Load(Path.Combine(_directory, DevelopmentPki.ConfigFileName));
        var keys = Directory.GetFiles(_directory, "*.key", SearchOption.AllDirectories).Append(Path.Combine(_directory, "pki_certs", "mfgkey.pem"));
        Assert.Multiple(() =>
        {
            Assert.That(written, Is.True);
            Assert.That(config.EnrollmentGroups[0].Owner, Is.EqualTo("alice"));
            Assert.That(config.EnrollmentGroups[0].LeadCertificateName, Is.EqualTo("dps-service Manufacturer CA"));
            foreach (var key in keys)
            {
                Assert.That(File.GetUnixFileMode(key), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), key);
            }
        });
    }

    [Test]
    public void Initialize_DeviceCredentials_AcceptedByTheGroupAndTrustTheDpsServer()
    {
        DevelopmentPki.Initialize(_directory, "1", force: false, TimeProvider.System);
        var config = ServiceConfigLoader.Load(Path.Combine(_directory, DevelopmentPki.ConfigFileName));
        using var device = TlsIdentity.FromPemFiles(Path.Combine(_directory, "pki_certs", "mfgcrt.pem"), Path.Combine(_directory, "pki_certs", "mfgkey.pem"));
        using var authenticator = new DeviceAuthenticator(new EnrollmentGroupCatalog(config.EnrollmentGroups), TimeProvider.System);
        using var server = TlsIdentity.FromPemFiles(config.DpsTls.CertificateFile, config.DpsTls.KeyFile);
        var dpsCa = PemCertificates.LoadChainFile(Path.Combine(_directory, "pki_certs", "dpsca.pem"));

        Assert.Multiple(() =>
        {
            Assert.That(authenticator.Validate(null!, [device.Certificate]), Is.True);
            Assert.That(authenticator.CreateSession(device.Certificate).Group?.Id, Is.EqualTo(config.EnrollmentGroups[0].Id));
            Assert.That(CertificateChainVerifier.Verify(server.Certificate, dpsCa, server.Intermediates).IsTrusted, Is.True);
        });
    }

    [Test]
    public void Initialize_Twice_KeepsTheFirstSetupUnlessForced()
    {
        DevelopmentPki.Initialize(_directory, "1", force: false, TimeProvider.System);
        var first = File.ReadAllText(Path.Combine(_directory, "pki", "cloud-ca.crt"));

        var again = DevelopmentPki.Initialize(_directory, "1", force: false, TimeProvider.System);
        var unchanged = File.ReadAllText(Path.Combine(_directory, "pki", "cloud-ca.crt"));
        var forced = DevelopmentPki.Initialize(_directory, "1", force: true, TimeProvider.System);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.False);
            Assert.That(unchanged, Is.EqualTo(first));
            Assert.That(forced, Is.True);
            Assert.That(File.ReadAllText(Path.Combine(_directory, "pki", "cloud-ca.crt")), Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void IssueDevice_WithoutSetup_ThrowsFileNotFound()
    {
        Assert.That(() => DevelopmentPki.IssueDevice(_directory, Path.Combine(_directory, "out"), null, TimeProvider.System), Throws.TypeOf<FileNotFoundException>().With.Message.Contains("init"));
    }
}
