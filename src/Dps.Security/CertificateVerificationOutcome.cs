namespace Dps.Security;

/// <summary>Why a peer certificate chain was accepted or rejected.</summary>
public enum CertificateVerificationOutcome
{
    /// <summary>The chain verified against the trust anchors.</summary>
    Trusted = 0,

    /// <summary>Accepted although outside its validity period (ignore-validity mode).</summary>
    AcceptedIgnoringValidityPeriod = 1,

    /// <summary>Base verification failed but a certificate of the chain matched the fingerprint.</summary>
    AcceptedByFingerprint = 2,

    /// <summary>Base verification failed; accepted because skip-verify is on.</summary>
    AcceptedBySkipVerify = 3,

    /// <summary>Accepted because no verification was configured (server side: no trust anchors, no callback).</summary>
    AcceptedWithoutVerification = 4,

    /// <summary>The peer sent no certificate.</summary>
    RejectedNoCertificate = 10,

    /// <summary>Base verification failed.</summary>
    RejectedUntrusted = 11,

    /// <summary>Base verification failed and no certificate matched the fingerprint.</summary>
    RejectedFingerprintMismatch = 12,

    /// <summary>A custom callback refused the certificate.</summary>
    RejectedByCallback = 13,
}
