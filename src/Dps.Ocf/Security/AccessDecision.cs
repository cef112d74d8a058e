namespace Dps.Ocf.Security;

/// <summary>The outcome of an ACL check.</summary>
public enum AccessDecision
{
    /// <summary>The request may proceed.</summary>
    Allow = 0,

    /// <summary>Denied to an unauthenticated peer: answer 4.01 Unauthorized.</summary>
    Unauthorized,

    /// <summary>Denied to an authenticated peer: answer 4.03 Forbidden.</summary>
    Forbidden,
}
