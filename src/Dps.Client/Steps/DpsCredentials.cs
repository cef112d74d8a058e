using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Ocf.Security;
using Dps.Security;

namespace Dps.Client.Steps;

/// <summary>
/// Reads the credentials the DPS client needs from <c>/oic/sec/cred</c>: the manufacturer identity
/// (DPS client certificate), the DPS trust anchors, and the DPS identity for the cloud with the
/// validity check of PROTOCOL.md §2.7 step 5 / §3.7.
/// </summary>
internal static class DpsCredentials
{
    /// <summary>The first non-DPS <c>mfgcert</c> with its private key as a TLS identity, or null.</summary>
    public static TlsIdentity? GetManufacturerIdentity(Cred cred)
    {
        foreach (var credential in cred.Credentials)
        {
            if (credential.Usage != CredUsage.MfgCert || IsDps(credential)
                || credential.PublicData is not { } publicData || credential.PrivateData is not { } privateData)
            {
                continue;
            }
            var certificates = LoadCertificates(publicData);
            if (certificates.Count == 0)
            {
                continue;
            }
            try
            {
                using var key = LoadPrivateKey(privateData);
                if (key is null)
                {
                    continue;
                }
                return TlsIdentity.Create(certificates[0], key, certificates.Skip(1));
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
            {
                continue;
            }
            finally
            {
                foreach (var certificate in certificates)
                {
                    certificate.Dispose();
                }
            }
        }
        return null;
    }

    /// <summary>True when a non-DPS <c>mfgcert</c> credential exists (§3.8 step 2).</summary>
    public static bool HasManufacturerCertificate(Cred cred) =>
        cred.Credentials.Any(c => c.Usage == CredUsage.MfgCert && !IsDps(c));

    /// <summary>Every certificate of the <c>mfgtrustca</c> and <c>trustca</c> credentials.</summary>
    public static List<X509Certificate2> GetTrustAnchors(Cred cred)
    {
        var anchors = new List<X509Certificate2>();
        foreach (var credential in cred.Credentials)
        {
            if (credential.Usage is CredUsage.MfgTrustCa or CredUsage.TrustCa && credential.PublicData is { } data)
            {
                anchors.AddRange(LoadCertificates(data));
            }
        }
        return anchors;
    }

    /// <summary>
    /// Validates the DPS certificate credentials at <paramref name="now"/> (§3.7): every certificate of
    /// an identity chain and the first of a CA credential must be valid and not expiring; invalid
    /// credentials are removed (the caller persists when <paramref name="removed"/> is non-zero). True
    /// when nothing was invalid and a DPS identity and a DPS trust CA remain.
    /// </summary>
    public static bool Validate(Cred cred, DateTimeOffset now, TimeSpan expiringLimit, out int removed)
    {
        var invalid = new List<int>();
        var hasIdentity = false;
        var hasTrustCa = false;
        foreach (var credential in cred.Credentials)
        {
            if (!IsDps(credential) || credential.CredType != CredType.AsymmetricSigningWithCertificate)
            {
                continue;
            }
            var certificates = credential.PublicData is { } data ? LoadCertificates(data) : [];
            try
            {
                var toCheck = credential.Usage == CredUsage.Cert ? certificates : certificates.Take(1).ToList();
                var valid = toCheck.Count > 0 && toCheck.TrueForAll(c =>
                    DpsCertificateTiming.Classify(c.NotBefore, c.NotAfter, now, expiringLimit) == DpsCertificateValidity.Valid);
                if (!valid)
                {
                    invalid.Add(credential.CredId);
                    continue;
                }
                hasIdentity |= credential.Usage == CredUsage.Cert;
                hasTrustCa |= credential.Usage == CredUsage.TrustCa;
            }
            finally
            {
                foreach (var certificate in certificates)
                {
                    certificate.Dispose();
                }
            }
        }
        foreach (var id in invalid)
        {
            cred.Remove(id);
        }
        removed = invalid.Count;
        return invalid.Count == 0 && hasIdentity && hasTrustCa;
    }

    /// <summary>The earliest <c>notAfter</c> among the DPS certificates (identity chains whole, CAs first certificate), or null.</summary>
    public static DateTimeOffset? GetEarliestNotAfter(Cred cred)
    {
        DateTimeOffset? earliest = null;
        foreach (var credential in cred.Credentials)
        {
            if (!IsDps(credential) || credential.CredType != CredType.AsymmetricSigningWithCertificate || credential.PublicData is not { } data)
            {
                continue;
            }
            var certificates = LoadCertificates(data);
            foreach (var certificate in credential.Usage == CredUsage.Cert ? certificates : certificates.Take(1))
            {
                DateTimeOffset notAfter = certificate.NotAfter.ToUniversalTime();
                if (earliest is null || notAfter < earliest)
                {
                    earliest = notAfter;
                }
            }
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
        return earliest;
    }

    /// <summary>The DPS identity chain with the device key, and the DPS trust CAs; null when there is no usable identity.</summary>
    public static (TlsIdentity Identity, List<X509Certificate2> TrustAnchors)? GetCloudIdentity(Cred cred, ECDsa deviceKey)
    {
        var identity = cred.Credentials.FirstOrDefault(c => IsDps(c) && c.Usage == CredUsage.Cert && c.PublicData is not null);
        if (identity?.PublicData is not { } data)
        {
            return null;
        }
        var chain = LoadCertificates(data);
        if (chain.Count == 0)
        {
            return null;
        }
        try
        {
            var tls = TlsIdentity.Create(chain[0], deviceKey, chain.Skip(1));
            var anchors = new List<X509Certificate2>();
            foreach (var credential in cred.Credentials)
            {
                if (IsDps(credential) && credential.Usage == CredUsage.TrustCa && credential.PublicData is { } ca)
                {
                    anchors.AddRange(LoadCertificates(ca));
                }
            }
            return (tls, anchors);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return null;
        }
        finally
        {
            foreach (var certificate in chain)
            {
                certificate.Dispose();
            }
        }
    }

    private static bool IsDps(Credential credential) =>
        string.Equals(credential.Tag, OcfSecurityNames.DpsTag, StringComparison.Ordinal);

    private static List<X509Certificate2> LoadCertificates(CredData data)
    {
        var list = new List<X509Certificate2>();
        try
        {
            if (data.Encoding == CredEncoding.Pem || data.IsText)
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPem(data.GetText());
                list.AddRange(collection);
            }
            else
            {
                list.Add(X509CertificateLoader.LoadCertificate(data.GetDecodedBytes()));
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            foreach (var certificate in list)
            {
                certificate.Dispose();
            }
            list.Clear();
        }
        return list;
    }

    private static ECDsa? LoadPrivateKey(CredData data)
    {
        if (data.Encoding == CredEncoding.Pem || data.IsText)
        {
            return EcKeys.LoadPrivateKey(data.GetText());
        }
        var der = data.GetDecodedBytes();
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(der, out _);
            return key;
        }
        catch (CryptographicException)
        {
            try
            {
                key.ImportECPrivateKey(der, out _);
                return key;
            }
            catch (CryptographicException)
            {
                key.Dispose();
                return null;
            }
        }
    }
}
