using System.Security.Cryptography.X509Certificates;
using Dps.Security;

namespace Dps.IntegrationTests.Harness;

/// <summary>
/// What a device gets from the factory: its manufacturer certificate chain (leaf, intermediate) and
/// key, and the DPS CA it trusts. Issued by a <see cref="ServiceUnderTest"/>'s manufacturer PKI.
/// </summary>
/// <param name="ChainPem">The manufacturer certificate chain, leaf first (<c>mfgcrt.pem</c>).</param>
/// <param name="KeyPem">The manufacturer key, PKCS#8 PEM (<c>mfgkey.pem</c>).</param>
/// <param name="DpsCaPem">The DPS CA certificate(s) (<c>dpsca.pem</c>).</param>
/// <param name="CommonName">The leaf's subject CN (<c>uuid:…</c>).</param>
internal sealed record ManufacturerCredentials(string ChainPem, string KeyPem, string DpsCaPem, string CommonName)
{
    /// <summary>Reads <c>mfgcrt.pem</c>, <c>mfgkey.pem</c> and <c>dpsca.pem</c> from <paramref name="directory"/>.</summary>
    public static ManufacturerCredentials Load(string directory, string commonName) => new(
        File.ReadAllText(Path.Combine(directory, "mfgcrt.pem")),
        File.ReadAllText(Path.Combine(directory, "mfgkey.pem")),
        File.ReadAllText(Path.Combine(directory, "dpsca.pem")),
        commonName);

    /// <summary>The leaf manufacturer certificate.</summary>
    public X509Certificate2 LoadLeaf() => PemCertificates.LoadChain(ChainPem)[0];
}
