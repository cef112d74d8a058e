using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>The result of verifying a peer's certificate chain.</summary>
/// <param name="Outcome">What was decided and why.</param>
/// <param name="ChainErrors">Errors of the base chain verification (NoError when none or not run).</param>
public readonly record struct CertificateVerificationDecision(CertificateVerificationOutcome Outcome, X509ChainStatusFlags ChainErrors)
{
    /// <summary>True when the connection may proceed.</summary>
    public bool IsAccepted => Outcome < CertificateVerificationOutcome.RejectedNoCertificate;
}
