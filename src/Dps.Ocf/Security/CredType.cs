namespace Dps.Ocf.Security;

/// <summary><c>credtype</c> of a credential (OCF bit values).</summary>
public enum CredType
{
    /// <summary>No credential type.</summary>
    None = 0,

    /// <summary>1: symmetric pair-wise key (PSK).</summary>
    SymmetricPairwise = 1,

    /// <summary>2: symmetric group key.</summary>
    SymmetricGroup = 2,

    /// <summary>4: asymmetric signing key.</summary>
    AsymmetricSigning = 4,

    /// <summary>8: asymmetric signing key with certificate.</summary>
    AsymmetricSigningWithCertificate = 8,

    /// <summary>16: PIN or password.</summary>
    Pin = 16,
}
