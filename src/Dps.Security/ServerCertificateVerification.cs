using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// How a TLS client verifies the server's certificate (PROTOCOL §1.4). Base verification is a
/// chain check against <see cref="TrustAnchors"/> only (no OS store, no host name check). When it
/// fails: a configured <see cref="Fingerprint"/> decides (accept iff any certificate of the chain
/// matches), otherwise <see cref="SkipVerify"/> accepts. <see cref="IgnoreValidityPeriod"/> makes
/// expired / not-yet-valid certificates pass base verification (the DPS time step).
/// </summary>
public sealed class ServerCertificateVerification
{
    /// <summary>The trusted CA certificates (<c>mfgtrustca</c> and <c>trustca</c> credentials).</summary>
    public IList<X509Certificate2> TrustAnchors { get; } = new List<X509Certificate2>();

    /// <summary>Accept any server certificate when base verification fails and no fingerprint is set.</summary>
    public bool SkipVerify { get; set; }

    /// <summary>Accept a chain that fails base verification when one of its certificates has this digest.</summary>
    public CertificateFingerprint? Fingerprint { get; set; }

    /// <summary>Tolerate validity-period errors (expired / not yet valid); other errors still fail.</summary>
    public bool IgnoreValidityPeriod { get; set; }

    /// <summary>A copy (the certificate objects are shared).</summary>
    public ServerCertificateVerification Clone()
    {
        var copy = new ServerCertificateVerification
        {
            SkipVerify = SkipVerify,
            Fingerprint = Fingerprint,
            IgnoreValidityPeriod = IgnoreValidityPeriod,
        };
        foreach (X509Certificate2 anchor in TrustAnchors)
        {
            copy.TrustAnchors.Add(anchor);
        }

        return copy;
    }
}
