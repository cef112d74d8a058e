namespace Dps.Ocf;

/// <summary>
/// The outcome of applying an update (POST payload) to a resource. A failed update has changed
/// nothing; the handler answers 4.00 Bad Request.
/// </summary>
public readonly struct OcfUpdateResult
{
    private OcfUpdateResult(string? error) => Error = error;

    /// <summary>The update was applied.</summary>
    public static OcfUpdateResult Success => default;

    /// <summary>True when the update was applied.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Why the update was rejected (for logs; contains no key material), or null.</summary>
    public string? Error { get; }

    /// <summary>A rejected update.</summary>
    public static OcfUpdateResult Failure(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new OcfUpdateResult(error);
    }

    /// <inheritdoc/>
    public override string ToString() => Error ?? "success";
}
