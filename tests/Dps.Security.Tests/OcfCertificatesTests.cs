using Dps.Testing.Pki;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security.Tests;

public sealed class OcfCertificatesTests
{
    [TestCase("uuid:00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000001")]
    [TestCase("uuid:ABCDEF01-2345-6789-ABCD-EF0123456789", "abcdef01-2345-6789-abcd-ef0123456789")]
    // Version and variant bits are not checked.
    [TestCase("uuid:12345678-1234-f234-0234-123456789abc", "12345678-1234-f234-0234-123456789abc")]
    public void TryParseDeviceId_Valid_ReturnsId(string commonName, string expected)
    {
        bool ok = OcfCertificates.TryParseDeviceId(commonName, out Guid id);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(id, Is.EqualTo(new Guid(expected)));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("00000000-0000-0000-0000-000000000001")]
    [TestCase("UUID:00000000-0000-0000-0000-000000000001")]
    [TestCase("uuid:000000000000000000000000000000001")]
    [TestCase("uuid:{00000000-0000-0000-0000-000000000001}")]
    [TestCase("uuid:00000000-0000-0000-0000-00000000000g")]
    [TestCase("uuid:00000000-0000-0000-0000-0000000000011")]
    [TestCase("uuid:00000000+0000-0000-0000-000000000001")]
    public void TryParseDeviceId_Invalid_ReturnsFalse(string? commonName)
    {
        Assert.That(OcfCertificates.TryParseDeviceId(commonName, out _), Is.False);
    }

    [Test]
    public void TryGetDeviceId_MfgDeviceWithOtherRdns_ReadsCn()
    {
        bool ok = OcfCertificates.TryGetDeviceId(TestPki.Shared.MfgDevice.Certificate, out Guid id);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(id, Is.EqualTo(TestPki.DefaultDeviceId));
        });
    }

    [Test]
    public void Inspection_MfgDevice_HasOcfUsages()
    {
        X509Certificate2 device = TestPki.Shared.MfgDevice.Certificate;

        Assert.Multiple(() =>
        {
            Assert.That(OcfCertificates.GetKeyUsage(device), Is.EqualTo(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement));
            Assert.That(OcfCertificates.GetExtendedKeyUsages(device), Is.EqualTo(new[] { OcfOids.ServerAuth, OcfOids.ClientAuth, OcfOids.OcfIdentity }));
            Assert.That(OcfCertificates.IsIdentityCertificate(device), Is.True);
            Assert.That(OcfCertificates.IsCertificateAuthority(device), Is.False);
        });
    }

    [Test]
    public void Inspection_DpsServer_IsNotIdentityCertificate()
    {
        X509Certificate2 server = TestPki.Shared.DpsServer.Certificate;

        Assert.Multiple(() =>
        {
            Assert.That(OcfCertificates.GetCommonName(server), Is.EqualTo("localhost"));
            Assert.That(OcfCertificates.HasExtendedKeyUsage(server, OcfOids.ServerAuth), Is.True);
            Assert.That(OcfCertificates.HasExtendedKeyUsage(server, OcfOids.OcfIdentity), Is.False);
            Assert.That(OcfCertificates.IsIdentityCertificate(server), Is.False);
        });
    }

    [Test]
    public void Inspection_RootCa_IsCaWithCertSignUsage()
    {
        X509Certificate2 root = TestPki.Shared.RootCa.Certificate;

        Assert.Multiple(() =>
        {
            Assert.That(OcfCertificates.IsCertificateAuthority(root), Is.True);
            Assert.That(OcfCertificates.GetKeyUsage(root), Is.EqualTo(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign));
            Assert.That(OcfCertificates.GetExtendedKeyUsages(root), Is.Empty);
        });
    }
}
