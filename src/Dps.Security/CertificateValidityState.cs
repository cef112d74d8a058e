namespace Dps.Security;

/// <summary>A certificate's state relative to "now" and the expiring limit (PROTOCOL §3.7).</summary>
public enum CertificateValidityState
{
    /// <summary>Valid for longer than the expiring limit.</summary>
    Valid = 0,

    /// <summary>now &lt; notBefore.</summary>
    NotYetValid = 1,

    /// <summary>Still valid, but now + limit &gt; notAfter.</summary>
    Expiring = 2,

    /// <summary>now &gt; notAfter.</summary>
    Expired = 3,
}
