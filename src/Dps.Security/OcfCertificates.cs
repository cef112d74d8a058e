using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// Inspection of OCF certificates: the <c>CN=uuid:&lt;uuid&gt;</c> device id, key usage and
/// extended key usage.
/// </summary>
public static class OcfCertificates
{
    /// <summary>The prefix of an OCF device common name.</summary>
    public const string UuidPrefix = "uuid:";

    /// <summary>The subject common name, or null when the subject has none.</summary>
    public static string? GetCommonName(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return GetCommonName(certificate.SubjectName);
    }

    /// <summary>The last CN attribute of <paramref name="name"/>, or null (also when its value cannot be decoded).</summary>
    public static string? GetCommonName(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? commonName = null;
        foreach (X500RelativeDistinguishedName rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == "2.5.4.3")
            {
                try
                {
                    commonName = rdn.GetSingleElementValue();
                }
                catch (CryptographicException)
                {
                    // A value its string type cannot hold (e.g. letters in a NumericString): no usable CN.
                    commonName = null;
                }
            }
        }

        return commonName;
    }

    /// <summary>
    /// Parses a common name of the form <c>uuid:</c> + 8-4-4-4-12 hex digits (any case, version
    /// and variant bits not checked).
    /// </summary>
    public static bool TryParseDeviceId(string? commonName, out Guid deviceId)
    {
        deviceId = Guid.Empty;
        if (commonName is null || !commonName.StartsWith(UuidPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> text = commonName.AsSpan(UuidPrefix.Length);
        return IsCanonicalUuid(text) && Guid.TryParseExact(text, "D", out deviceId);
    }

    /// <summary>The device id from the certificate's <c>CN=uuid:...</c>, if it has one.</summary>
    public static bool TryGetDeviceId(X509Certificate2 certificate, out Guid deviceId)
    {
        return TryParseDeviceId(GetCommonName(certificate), out deviceId);
    }

    /// <summary>The common name for a device id: <c>uuid:</c> + the lower-case canonical UUID.</summary>
    public static string ToCommonName(Guid deviceId)
    {
        return UuidPrefix + deviceId.ToString("D");
    }

    /// <summary>The key usage flags, or <see cref="X509KeyUsageFlags.None"/> when the extension is absent.</summary>
    public static X509KeyUsageFlags GetKeyUsage(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509KeyUsageExtension keyUsage)
            {
                return keyUsage.KeyUsages;
            }
        }

        return X509KeyUsageFlags.None;
    }

    /// <summary>The extended key usage OIDs (dotted form); empty when the extension is absent.</summary>
    public static IReadOnlyList<string> GetExtendedKeyUsages(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var result = new List<string>();
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension eku)
            {
                foreach (System.Security.Cryptography.Oid oid in eku.EnhancedKeyUsages)
                {
                    if (oid.Value is not null)
                    {
                        result.Add(oid.Value);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>True when the certificate lists <paramref name="oid"/> as an extended key usage.</summary>
    public static bool HasExtendedKeyUsage(X509Certificate2 certificate, string oid)
    {
        return GetExtendedKeyUsages(certificate).Contains(oid);
    }

    /// <summary>True when the certificate is a CA (basic constraints CA:TRUE).</summary>
    public static bool IsCertificateAuthority(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509BasicConstraintsExtension basic)
            {
                return basic.CertificateAuthority;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the certificate looks like an OCF identity certificate: <c>CN=uuid:...</c>,
    /// EKU serverAuth + clientAuth + OCF identity, not a CA.
    /// </summary>
    public static bool IsIdentityCertificate(X509Certificate2 certificate)
    {
        IReadOnlyList<string> ekus = GetExtendedKeyUsages(certificate);
        return TryGetDeviceId(certificate, out _)
            && ekus.Contains(OcfOids.ServerAuth)
            && ekus.Contains(OcfOids.ClientAuth)
            && ekus.Contains(OcfOids.OcfIdentity)
            && !IsCertificateAuthority(certificate);
    }

    private static bool IsCanonicalUuid(ReadOnlySpan<char> text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            bool dash = i is 8 or 13 or 18 or 23;
            if (dash ? text[i] != '-' : !char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
