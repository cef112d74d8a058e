namespace Dps.Ocf.Security;

/// <summary><c>credusage</c> of a certificate credential.</summary>
public enum CredUsage
{
    /// <summary>No usage (PSKs).</summary>
    None = 0,

    /// <summary><c>oic.sec.cred.trustca</c>: a trust anchor.</summary>
    TrustCa,

    /// <summary><c>oic.sec.cred.cert</c>: an identity certificate.</summary>
    Cert,

    /// <summary><c>oic.sec.cred.rolecert</c>: a role certificate.</summary>
    RoleCert,

    /// <summary><c>oic.sec.cred.mfgtrustca</c>: a manufacturer trust anchor.</summary>
    MfgTrustCa,

    /// <summary><c>oic.sec.cred.mfgcert</c>: a manufacturer certificate.</summary>
    MfgCert,
}
