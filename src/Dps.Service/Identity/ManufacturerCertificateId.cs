using System.Security.Cryptography.X509Certificates;

namespace Dps.Service.Identity;

/// <summary>
/// The provisioning-record id of a device: UUIDv5(X.500 namespace, DER SubjectPublicKeyInfo of the
/// manufacturer leaf certificate) (PROTOCOL §8.2).
/// </summary>
internal static class ManufacturerCertificateId
{
    /// <summary>Computes the id from a DER-encoded SubjectPublicKeyInfo.</summary>
    public static Guid FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfoDer) =>
        UuidV5.Create(UuidV5.X500Namespace, subjectPublicKeyInfoDer);

    /// <summary>Computes the id of a manufacturer leaf certificate.</summary>
    public static Guid FromCertificate(X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return FromSubjectPublicKeyInfo(leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }
}
