namespace Dps.Service.Faults;

/// <summary>A fault rule (from YAML or JSON) is invalid; <see cref="KeyPath"/> names the offending key.</summary>
internal sealed class FaultRuleFormatException : Exception
{
    /// <summary>Creates an exception for <paramref name="keyPath"/>.</summary>
    public FaultRuleFormatException(string keyPath, string reason)
        : base($"{keyPath}: {reason}")
    {
        KeyPath = keyPath;
        Reason = reason;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public FaultRuleFormatException()
        : this("faults", "invalid")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public FaultRuleFormatException(string message)
        : this("faults", message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public FaultRuleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        KeyPath = "faults";
        Reason = message;
    }

    /// <summary>The key path, e.g. <c>faults[2].code</c>.</summary>
    public string KeyPath { get; }

    /// <summary>The reason without the key path.</summary>
    public string Reason { get; }
}
