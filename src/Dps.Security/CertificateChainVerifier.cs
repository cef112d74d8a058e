using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// Verifies a certificate chain against given trust anchors only (no OS store, no revocation
/// check, no host name), like the DPS client and server do (PROTOCOL §1.3, §1.4).
/// </summary>
public static class CertificateChainVerifier
{
    /// <summary>The chain status flags that mean "outside the validity period".</summary>
    public const X509ChainStatusFlags ValidityPeriodErrors = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    /// <summary>
    /// Builds and verifies the chain of <paramref name="leaf"/>.
    /// </summary>
    /// <param name="leaf">The end-entity certificate.</param>
    /// <param name="trustAnchors">The only trusted roots (self-signed or not).</param>
    /// <param name="intermediates">Extra certificates usable to build the path (e.g. the ones the peer sent).</param>
    /// <param name="verificationTime">The time validity is checked at; null = the current system time.</param>
    public static ChainVerificationResult Verify(
        X509Certificate2 leaf,
        IEnumerable<X509Certificate2> trustAnchors,
        IEnumerable<X509Certificate2>? intermediates = null,
        DateTimeOffset? verificationTime = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        using var chain = new X509Chain();
        X509ChainPolicy policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        foreach (X509Certificate2 anchor in trustAnchors)
        {
            policy.CustomTrustStore.Add(anchor);
        }

        if (intermediates is not null)
        {
            foreach (X509Certificate2 certificate in intermediates)
            {
                policy.ExtraStore.Add(certificate);
            }
        }

        if (verificationTime is { } time)
        {
            policy.VerificationTimeIgnored = false;
            policy.VerificationTime = time.UtcDateTime;
        }

        bool built = chain.Build(leaf);
        X509ChainStatusFlags errors = X509ChainStatusFlags.NoError;
        foreach (X509ChainStatus status in chain.ChainStatus)
        {
            errors |= status.Status;
        }

        if (!built && errors == X509ChainStatusFlags.NoError)
        {
            errors = X509ChainStatusFlags.PartialChain;
        }

        if (errors != X509ChainStatusFlags.NoError)
        {
            errors = AcceptNonRootAnchor(chain, policy.CustomTrustStore, errors);
        }

        // The caller owns the returned elements: the chain's own certificate objects are handed over,
        // only the caller's instances (leaf, extra, anchors) are copied.
        var elements = new List<X509Certificate2>(chain.ChainElements.Count);
        foreach (X509ChainElement element in chain.ChainElements)
        {
            X509Certificate2 elementCertificate = element.Certificate;
            bool callers = ReferenceEquals(elementCertificate, leaf) || ContainsInstance(policy.ExtraStore, elementCertificate) || ContainsInstance(policy.CustomTrustStore, elementCertificate);
            elements.Add(callers ? X509CertificateLoader.LoadCertificate(elementCertificate.RawDataMemory.Span) : elementCertificate);
        }

        return new ChainVerificationResult(errors, elements);
    }

    // A trust anchor need not be self-signed (mbedTLS stops at any trusted certificate). When the
    // built chain passes through an anchor, only the elements up to it count, and "untrusted root" /
    // "partial chain" above it are not errors.
    private static X509ChainStatusFlags AcceptNonRootAnchor(X509Chain chain, X509Certificate2Collection anchors, X509ChainStatusFlags errors)
    {
        X509ChainElementCollection elements = chain.ChainElements;
        for (int i = 0; i < elements.Count; i++)
        {
            if (!Contains(anchors, elements[i].Certificate))
            {
                continue;
            }

            X509ChainStatusFlags upToAnchor = X509ChainStatusFlags.NoError;
            for (int j = 0; j <= i; j++)
            {
                foreach (X509ChainStatus status in elements[j].ChainElementStatus)
                {
                    upToAnchor |= status.Status;
                }
            }

            return upToAnchor & ~(X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot);
        }

        return errors;
    }

    private static bool ContainsInstance(X509Certificate2Collection collection, X509Certificate2 certificate)
    {
        foreach (X509Certificate2 candidate in collection)
        {
            if (ReferenceEquals(candidate, certificate))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(X509Certificate2Collection collection, X509Certificate2 certificate)
    {
        foreach (X509Certificate2 candidate in collection)
        {
            if (candidate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
            {
                return true;
            }
        }

        return false;
    }
}
