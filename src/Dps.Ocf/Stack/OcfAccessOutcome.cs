namespace Dps.Ocf;

/// <summary>The answer of an <see cref="IOcfAccessControl"/> (same values as the ACL evaluator's decision).</summary>
public enum OcfAccessOutcome
{
    /// <summary>The request may proceed.</summary>
    Allow = 0,

    /// <summary>Denied to an unauthenticated peer: 4.01 Unauthorized.</summary>
    Unauthorized = 1,

    /// <summary>Denied to an authenticated peer: 4.03 Forbidden.</summary>
    Forbidden = 2,
}
