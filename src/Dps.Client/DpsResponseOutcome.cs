namespace Dps.Client;

/// <summary>The DPS classification of a request outcome (PROTOCOL.md §3.2).</summary>
public enum DpsResponseOutcome
{
    /// <summary>A 2.xx response.</summary>
    Success,

    /// <summary>Request/transaction timeout, 5.03 or 5.04: flag <see cref="DpsStatus.TransientFailure"/>, last error stays 0.</summary>
    Transient,

    /// <summary>Any other error, including a closed connection: flag <see cref="DpsStatus.Failure"/>, last error 1.</summary>
    Permanent,
}
