using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// Decides whether a TLS peer's certificate chain is accepted. The decisions are pure functions of
/// (presented certificates, settings, now); the SslStream callbacks are thin wrappers.
/// </summary>
public static class PeerCertificateVerifier
{
    /// <summary>
    /// Decides on a server certificate chain (PROTOCOL §1.4).
    /// </summary>
    /// <param name="presented">The certificates the server sent, leaf first (empty = none).</param>
    /// <param name="verification">Trust anchors and modes.</param>
    /// <param name="now">Verification time.</param>
    public static CertificateVerificationDecision EvaluateServer(
        IReadOnlyList<X509Certificate2> presented,
        ServerCertificateVerification verification,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(verification);
        if (presented.Count == 0)
        {
            return new(CertificateVerificationOutcome.RejectedNoCertificate, X509ChainStatusFlags.NoError);
        }

        ChainVerificationResult result = CertificateChainVerifier.Verify(
            presented[0], verification.TrustAnchors, presented.Skip(1), now);
        if (result.IsTrusted)
        {
            return new(CertificateVerificationOutcome.Trusted, X509ChainStatusFlags.NoError);
        }

        if (verification.IgnoreValidityPeriod && result.HasOnlyValidityPeriodErrors)
        {
            return new(CertificateVerificationOutcome.AcceptedIgnoringValidityPeriod, result.Errors);
        }

        if (verification.Fingerprint is { } fingerprint)
        {
            bool matched = presented.Any(fingerprint.Matches) || result.Chain.Any(fingerprint.Matches);
            return new(
                matched ? CertificateVerificationOutcome.AcceptedByFingerprint : CertificateVerificationOutcome.RejectedFingerprintMismatch,
                result.Errors);
        }

        return verification.SkipVerify
            ? new(CertificateVerificationOutcome.AcceptedBySkipVerify, result.Errors)
            : new(CertificateVerificationOutcome.RejectedUntrusted, result.Errors);
    }

    /// <summary>
    /// Decides on a client certificate chain with the server's default policy: none sent → accepted
    /// only when not required; no trust anchors → accepted without verification; otherwise the
    /// chain must verify against <paramref name="trustAnchors"/> (with <paramref name="intermediates"/>
    /// and the sent certificates as path material).
    /// </summary>
    public static CertificateVerificationDecision EvaluateClient(
        IReadOnlyList<X509Certificate2> presented,
        bool certificateRequired,
        IReadOnlyCollection<X509Certificate2> trustAnchors,
        IEnumerable<X509Certificate2> intermediates,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        ArgumentNullException.ThrowIfNull(intermediates);
        if (presented.Count == 0)
        {
            return certificateRequired
                ? new(CertificateVerificationOutcome.RejectedNoCertificate, X509ChainStatusFlags.NoError)
                : new(CertificateVerificationOutcome.AcceptedWithoutVerification, X509ChainStatusFlags.NoError);
        }

        if (trustAnchors.Count == 0)
        {
            return new(CertificateVerificationOutcome.AcceptedWithoutVerification, X509ChainStatusFlags.NoError);
        }

        ChainVerificationResult result = CertificateChainVerifier.Verify(
            presented[0], trustAnchors, presented.Skip(1).Concat(intermediates), now);
        return result.IsTrusted
            ? new(CertificateVerificationOutcome.Trusted, X509ChainStatusFlags.NoError)
            : new(CertificateVerificationOutcome.RejectedUntrusted, result.Errors);
    }

    /// <summary>
    /// The certificates a TLS peer sent, leaf first, from the arguments of a
    /// <see cref="RemoteCertificateValidationCallback"/>. Empty when the peer sent none
    /// (then <paramref name="chain"/> is null).
    /// </summary>
    public static IReadOnlyList<X509Certificate2> GetPresentedCertificates(X509Certificate? certificate, X509Chain? chain)
    {
        if (certificate is null)
        {
            return [];
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var result = new List<X509Certificate2> { leaf };
        if (chain is not null)
        {
            foreach (X509Certificate2 extra in chain.ChainPolicy.ExtraStore)
            {
                AddDistinct(result, extra);
            }

            foreach (X509ChainElement element in chain.ChainElements)
            {
                AddDistinct(result, element.Certificate);
            }
        }

        return result;
    }

    /// <summary>
    /// A client-side callback applying <see cref="EvaluateServer"/> at <paramref name="timeProvider"/>'s
    /// now; the SslPolicyErrors reported by .NET (host name, OS trust) are ignored.
    /// </summary>
    public static RemoteCertificateValidationCallback CreateServerCallback(ServerCertificateVerification verification, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ServerCertificateVerification settings = verification.Clone();
        return (_, certificate, chain, _) =>
            EvaluateServer(GetPresentedCertificates(certificate, chain), settings, timeProvider.GetUtcNow()).IsAccepted;
    }

    private static void AddDistinct(List<X509Certificate2> list, X509Certificate2 candidate)
    {
        foreach (X509Certificate2 existing in list)
        {
            if (existing.RawDataMemory.Span.SequenceEqual(candidate.RawDataMemory.Span))
            {
                return;
            }
        }

        list.Add(candidate);
    }
}
