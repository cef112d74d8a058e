using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;
using Dps.Service.Configuration;

namespace Dps.Service.Pki;

/// <summary>
/// The development setup <c>dps-service init</c> writes: a manufacturer root CA and intermediate,
/// a DPS CA with the DPS server certificate (127.0.0.1, ::1, localhost), the hub (cloud) CA with
/// the hub gateway certificate (<c>CN=uuid:&lt;hubID&gt;</c>), the token signing key, <c>dps-service.yaml</c> and one device's
/// <c>pki_certs/</c>; and more devices' <c>pki_certs/</c> for <c>mfg-cert</c>. All keys EC P-256,
/// written atomically with mode 0600.
/// </summary>
internal static class DevelopmentPki
{
    /// <summary>The configuration file name inside the directory.</summary>
    public const string ConfigFileName = "dps-service.yaml";

    /// <summary>The device credentials directory <c>init</c> writes.</summary>
    public const string DeviceDirectoryName = "pki_certs";

    /// <summary>Manufacturer root CA certificate.</summary>
    public const string ManufacturerRootFile = "pki/mfg-root.crt";

    /// <summary>Manufacturer intermediate CA certificate (signs device certificates).</summary>
    public const string ManufacturerIntermediateFile = "pki/mfg-intermediate.crt";

    /// <summary>Manufacturer intermediate CA key.</summary>
    public const string ManufacturerIntermediateKeyFile = "pki/mfg-intermediate.key";

    /// <summary>DPS CA certificate (devices trust it as <c>dpsca.pem</c>).</summary>
    public const string DpsCaFile = "pki/dps-ca.crt";

    /// <summary>The device's trust anchor for the DPS server.</summary>
    public const string DeviceDpsCaFile = "dpsca.pem";

    /// <summary>The device's manufacturer certificate chain (leaf, intermediate).</summary>
    public const string DeviceCertificateFile = "mfgcrt.pem";

    /// <summary>The device's manufacturer key.</summary>
    public const string DeviceKeyFile = "mfgkey.pem";

    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(7300);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    /// <summary>
    /// Writes the setup into <paramref name="directory"/>. Without <paramref name="force"/> an existing
    /// setup (its <c>dps-service.yaml</c>) is left alone and false is returned.
    /// </summary>
    public static bool Initialize(string directory, string owner, bool force, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var root = Path.GetFullPath(directory);
        var configFile = Path.Combine(root, ConfigFileName);
        if (File.Exists(configFile) && !force)
        {
            return false;
        }

        Directory.CreateDirectory(Path.Combine(root, "pki"));
        var notBefore = timeProvider.GetUtcNow() - Backdate;
        var caNotAfter = notBefore + CaLifetime;
        var leafNotAfter = notBefore + LeafLifetime;

        using var mfgRootKey = EcKeys.Generate();
        using var mfgRoot = CertificateAuthority.CreateRoot(new X500DistinguishedName("CN=dps-service Manufacturer Root CA, O=dps-service development"), mfgRootKey, notBefore, caNotAfter);
        using var mfgIntermediateKey = EcKeys.Generate();
        using var mfgIntermediate = mfgRoot.IssueIntermediate(new X500DistinguishedName("CN=dps-service Manufacturer CA, O=dps-service development"), mfgIntermediateKey, notBefore, caNotAfter, pathLength: 0);
        PemFile.WriteCertificates(Path.Combine(root, ManufacturerRootFile), [mfgRoot.Certificate]);
        PemFile.WriteCertificates(Path.Combine(root, ManufacturerIntermediateFile), [mfgIntermediate.Certificate]);
        PemFile.WritePrivateKey(Path.Combine(root, ManufacturerIntermediateKeyFile), mfgIntermediateKey);
        PemFile.WriteCertificates(Path.Combine(root, ServiceConfigTemplate.ManufacturerCaFile), mfgIntermediate.Chain);

        using var dpsCaKey = EcKeys.Generate();
        using var dpsCa = CertificateAuthority.CreateRoot(new X500DistinguishedName("CN=dps-service DPS CA, O=dps-service development"), dpsCaKey, notBefore, caNotAfter);
        PemFile.WriteCertificates(Path.Combine(root, DpsCaFile), [dpsCa.Certificate]);
        WriteServerCertificate(root, dpsCa, "CN=dps-service DPS, O=dps-service development", ServiceConfigTemplate.DpsCertificateFile, ServiceConfigTemplate.DpsKeyFile, notBefore, leafNotAfter);

        using var cloudCaKey = EcKeys.Generate();
        using var cloudCa = CertificateAuthority.CreateRoot(new X500DistinguishedName("CN=dps-service Hub CA, O=dps-service development"), cloudCaKey, notBefore, caNotAfter);
        PemFile.WriteCertificates(Path.Combine(root, ServiceConfigTemplate.CloudCaCertificateFile), [cloudCa.Certificate]);
        PemFile.WritePrivateKey(Path.Combine(root, ServiceConfigTemplate.CloudCaKeyFile), cloudCaKey);
        // CN=uuid:<hubID>, as plgd's coap-gateway: devices match the hub's ACE (subject uuid <hubID>) by it.
        var hubId = Guid.NewGuid();
        WriteServerCertificate(root, cloudCa, $"CN={OcfCertificates.ToCommonName(hubId)}, O=dps-service development", ServiceConfigTemplate.HubCertificateFile, ServiceConfigTemplate.HubKeyFile, notBefore, leafNotAfter);

        using (var tokenKey = EcKeys.Generate())
        {
            PemFile.WritePrivateKey(Path.Combine(root, ServiceConfigTemplate.TokenSigningKeyFile), tokenKey);
        }

        IssueDevice(root, Path.Combine(root, DeviceDirectoryName), null, timeProvider);
        var yaml = ServiceConfigTemplate.Render(owner, Guid.NewGuid(), hubId);
        PemFile.WriteAtomic(configFile, yaml, PemFile.PublicMode);
        return true;
    }

    /// <summary>
    /// Mints a manufacturer certificate (CN <paramref name="commonName"/>, default <c>uuid:&lt;random&gt;</c>)
    /// from the intermediate CA of the setup in <paramref name="directory"/> and writes
    /// <c>dpsca.pem</c>, <c>mfgcrt.pem</c> and <c>mfgkey.pem</c> into <paramref name="outputDirectory"/>.
    /// </summary>
    /// <returns>The certificate's subject CN.</returns>
    /// <exception cref="FileNotFoundException">The directory holds no setup made by <c>init</c>.</exception>
    public static string IssueDevice(string directory, string outputDirectory, string? commonName, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var root = Path.GetFullPath(directory);
        foreach (var file in new[] { ManufacturerIntermediateFile, ManufacturerIntermediateKeyFile, ManufacturerRootFile, DpsCaFile })
        {
            if (!File.Exists(Path.Combine(root, file)))
            {
                throw new FileNotFoundException($"'{Path.Combine(root, file)}' does not exist; run 'dps-service init --dir {directory}' first.", Path.Combine(root, file));
            }
        }

        using var issuer = CertificateAuthority.FromPem(
            File.ReadAllText(Path.Combine(root, ManufacturerIntermediateFile)) + File.ReadAllText(Path.Combine(root, ManufacturerRootFile)),
            File.ReadAllText(Path.Combine(root, ManufacturerIntermediateKeyFile)));
        var name = string.IsNullOrWhiteSpace(commonName) ? OcfCertificates.ToCommonName(Guid.NewGuid()) : commonName.Trim();
        var subject = DeviceSubject(name);
        var notBefore = timeProvider.GetUtcNow() - Backdate;
        using var key = EcKeys.Generate();
        using var leaf = issuer.IssueDeviceCertificate(subject, key, notBefore, notBefore + LeafLifetime);
        var output = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(output);
        PemFile.WriteAtomic(Path.Combine(output, DeviceDpsCaFile), File.ReadAllText(Path.Combine(root, DpsCaFile)), PemFile.PublicMode);
        PemFile.WriteCertificates(Path.Combine(output, DeviceCertificateFile), [leaf, issuer.Certificate]);
        PemFile.WritePrivateKey(Path.Combine(output, DeviceKeyFile), key);
        return name;
    }

    private static void WriteServerCertificate(string root, CertificateAuthority issuer, string subject, string certificateFile, string keyFile, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = EcKeys.Generate();
        using var certificate = issuer.IssueServerCertificate(
            new X500DistinguishedName(subject),
            key,
            ["localhost"],
            [IPAddress.Loopback, IPAddress.IPv6Loopback],
            notBefore,
            notAfter);
        PemFile.WriteCertificates(Path.Combine(root, certificateFile), [certificate, .. issuer.Chain]);
        PemFile.WritePrivateKey(Path.Combine(root, keyFile), key);
    }

    private static X500DistinguishedName DeviceSubject(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName("dps-service development");
        return builder.Build();
    }
}
