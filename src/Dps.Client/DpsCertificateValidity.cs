namespace Dps.Client;

/// <summary>The validity of a DPS certificate at the DPS effective time (PROTOCOL.md §3.7).</summary>
public enum DpsCertificateValidity
{
    /// <summary>Valid and not expiring within the expiring limit.</summary>
    Valid,

    /// <summary>The effective time is before <c>notBefore</c>.</summary>
    NotYetValid,

    /// <summary>Still valid, but <c>notAfter</c> falls within the expiring limit.</summary>
    Expiring,

    /// <summary>The effective time is after <c>notAfter</c>.</summary>
    Expired,
}
