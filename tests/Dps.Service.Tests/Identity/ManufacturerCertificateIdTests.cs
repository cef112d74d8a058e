using System.Security.Cryptography.X509Certificates;
using Dps.Service.Identity;

namespace Dps.Service.Tests.Identity;

public class ManufacturerCertificateIdTests
{
    // Identity certificate from the golden credentials response vector; the expected id was computed
    // independently (SHA-1 over the X.500 namespace bytes and the SubjectPublicKeyInfo DER).
    private const string LeafPem = """
        -----BEGIN CERTIFICATE-----
        MIIB2TCCAYCgAwIBAgIQcQf0Br7/T342Onm5glmr+zAKBggqhkjOPQQDAjBKMQsw
        CQYDVQQGEwJVUzEbMBkGA1UECgwSRXhhbXBsZSBwbGdkIENsb3VkMR4wHAYDVQQD
        DBVFeGFtcGxlIHBsZ2QgQ2xvdWQgQ0EwHhcNMjYxMTIyMTkzMjE4WhcNMjcxMTIy
        MTk1ODQ4WjA0MTIwMAYDVQQDDCl1dWlkOjE2NDA5MTVmLWQzZjAtNDRjZS01NGJi
        LTViZmY0ZDBlZDhhNzBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPgXMvB44+LA
        RYmkEOM1IEzD7F9hnL0bR2P9mWKCOpn8B9okPjly58JTOxBFNVH/1zjEIxlglTVq
        qsKHmdIZlOajXjBcMA4GA1UdDwEB/wQEAwIDiDApBgNVHSUEIjAgBggrBgEFBQcD
        AQYIKwYBBQUHAwIGCisGAQQBgt58AQYwHwYDVR0jBBgwFoAUR04cs3YscANVp7w1
        /kEjsocAcUUwCgYIKoZIzj0EAwIDRwAwRAIgMljo5LSmXtTm81vOVvacBosFK9g5
        TvVhDPInvSZY278CICPgCoBWKQvquAljhzMi3Vg6s8aCs8OWUlXZDJ5StP0s
        -----END CERTIFICATE-----
        """;

    [Test]
    public void FromCertificate_VectorLeaf_ReturnsUuidV5OfSpki()
    {
        using var leaf = X509Certificate2.CreateFromPem(LeafPem);

        Assert.That(DeviceUuid.Format(ManufacturerCertificateId.FromCertificate(leaf)), Is.EqualTo("e4aa6b98-0b75-5b9c-9a16-4c89bda2f247"));
    }

    [Test]
    public void FromSubjectPublicKeyInfo_SameAsFromCertificate()
    {
        using var leaf = X509Certificate2.CreateFromPem(LeafPem);

        Assert.That(
            ManufacturerCertificateId.FromSubjectPublicKeyInfo(leaf.PublicKey.ExportSubjectPublicKeyInfo()),
            Is.EqualTo(ManufacturerCertificateId.FromCertificate(leaf)));
    }
}
