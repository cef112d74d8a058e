using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>The outcome of <see cref="CertificateChainVerifier.Verify"/>.</summary>
public sealed class ChainVerificationResult
{
    internal ChainVerificationResult(X509ChainStatusFlags errors, IReadOnlyList<X509Certificate2> chain)
    {
        Errors = errors;
        Chain = chain;
    }

    /// <summary>True when the chain reached a trust anchor with no errors.</summary>
    public bool IsTrusted => Errors == X509ChainStatusFlags.NoError;

    /// <summary>All chain errors, or <see cref="X509ChainStatusFlags.NoError"/>.</summary>
    public X509ChainStatusFlags Errors { get; }

    /// <summary>True when the only errors are validity-period errors (expired or not yet valid).</summary>
    public bool HasOnlyValidityPeriodErrors =>
        Errors != X509ChainStatusFlags.NoError && (Errors & ~CertificateChainVerifier.ValidityPeriodErrors) == 0;

    /// <summary>The chain as built, leaf first (to the anchor when one was found).</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }
}
