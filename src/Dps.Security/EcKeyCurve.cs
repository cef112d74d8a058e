namespace Dps.Security;

/// <summary>The elliptic curves OCF devices use (PROTOCOL §1.2: secp256r1 and secp384r1 only).</summary>
public enum EcKeyCurve
{
    /// <summary>NIST P-256 (secp256r1, prime256v1); the default.</summary>
    P256 = 0,

    /// <summary>NIST P-384 (secp384r1).</summary>
    P384 = 1,
}
