using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Identity;
using Dps.Service.Provisioning;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Service.Tests.Provisioning;

public class DeviceAuthenticatorTests
{
    [Test]
    public void Validate_LeafWithIntermediateAgainstRootOnlyGroup_AcceptsAndRemembersTheGroup()
    {
        var pki = TestPki.Shared;
        var group = Group(pki.RootCa.Certificate, "Example Manufacturer CA");
        using var authenticator = new DeviceAuthenticator(new EnrollmentGroupCatalog([group]), TimeProvider.System);

        var accepted = authenticator.Validate(null!, pki.MfgDevice.Chain);
        var session = authenticator.CreateSession(pki.MfgDevice.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.True);
            Assert.That(session.Group, Is.SameAs(group));
            Assert.That(session.ManufacturerCertificateId, Is.EqualTo(DeviceUuid.Format(ManufacturerCertificateId.FromCertificate(pki.MfgDevice.Certificate))));
        });
    }

    [Test]
    public void Validate_LeafOnlyAgainstGroupWithIntermediate_Accepts()
    {
        var pki = TestPki.Shared;
        using var authenticator = new DeviceAuthenticator(new EnrollmentGroupCatalog([Group(pki.MfgCa.Chain)]), TimeProvider.System);

        Assert.That(authenticator.Validate(null!, [pki.MfgDevice.Certificate]), Is.True);
    }

    [Test]
    public void Validate_DeviceOfAnotherManufacturer_Rejects()
    {
        var pki = TestPki.Shared;
        using var other = TestPki.Create(DateTimeOffset.UtcNow);
        using var authenticator = new DeviceAuthenticator(new EnrollmentGroupCatalog([Group(pki.MfgCa.Chain)]), TimeProvider.System);

        Assert.That(authenticator.Validate(null!, other.MfgDevice.Chain), Is.False);
    }

    [TestCase(false, false)]
    [TestCase(true, true)]
    public void Validate_ExpiredLeaf_AcceptedOnlyWhenGroupAllowsExpired(bool expiredEnabled, bool expected)
    {
        var pki = TestPki.Shared;
        var time = new FakeTimeProvider(pki.ValidFrom.AddDays(4000));
        using var authenticator = new DeviceAuthenticator(new EnrollmentGroupCatalog([Group(pki.MfgCa.Chain) with { ExpiredCertificateEnabled = expiredEnabled }]), time);

        Assert.That(authenticator.Validate(null!, pki.MfgDevice.Chain), Is.EqualTo(expected));
    }

    [Test]
    public void Validate_LeafWithoutClientAuth_Rejects()
    {
        var pki = TestPki.Shared;
        using var key = EcKeys.Generate();
        using var serverOnly = pki.MfgCa.IssueServerCertificate(new X500DistinguishedName("CN=uuid:00000000-0000-0000-0000-000000000009"), key, [], [], pki.ValidFrom, pki.ValidFrom.AddDays(365));
        using var authenticator = new DeviceAuthenticator(new EnrollmentGroupCatalog([Group(pki.MfgCa.Chain)]), TimeProvider.System);

        // IssueServerCertificate adds serverAuth + clientAuth; a certificate with serverAuth only is built by hand.
        using var serverAuthOnly = ServerAuthOnly(pki, key);

        Assert.Multiple(() =>
        {
            Assert.That(authenticator.Validate(null!, [serverOnly]), Is.True);
            Assert.That(authenticator.Validate(null!, [serverAuthOnly]), Is.False);
        });
    }

    private static X509Certificate2 ServerAuthOnly(TestPki pki, ECDsa key)
    {
        var request = new CertificateRequest("CN=uuid:00000000-0000-0000-0000-00000000000a", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(OcfOids.ServerAuth)], false));
        using var issuerKey = pki.MfgCa.ExportPrivateKey();
        using var issuer = pki.MfgCa.Certificate.CopyWithPrivateKey(issuerKey);
        return request.Create(issuer, pki.ValidFrom, pki.ValidFrom.AddDays(365), [1, 2, 3, 4, 5, 6, 7, 8]);
    }

    private static EnrollmentGroup Group(X509Certificate2 certificate, string lead) => new()
    {
        Id = Guid.NewGuid(),
        Owner = "1",
        OwnerUuid = OwnerUuid.FromOwner("1"),
        Name = "test",
        CertificateChainPem = PemCertificates.ToPem(certificate),
        LeadCertificateName = lead,
        Hubs = [],
    };

    private static EnrollmentGroup Group(IEnumerable<X509Certificate2> chain)
    {
        var list = chain.ToList();
        return Group(list[0], list[0].GetNameInfo(X509NameType.SimpleName, false)) with { CertificateChainPem = PemCertificates.ToPem(list) };
    }
}
