namespace DpsCloudServer.CommandLine;

/// <summary>One option of the command line: its names, its value (if any) and its help line.</summary>
/// <param name="ShortName">The one-letter name (<c>-e</c>), or null when there is only a long name.</param>
/// <param name="LongName">The long name without dashes (<c>expiration-limit</c>).</param>
/// <param name="ValueName">The placeholder of the value (<c>s</c>), or null for a flag.</param>
/// <param name="Description">The help text, including the default.</param>
/// <param name="Hidden">Left out of the help (test-only options).</param>
internal sealed record CommandLineOption(char? ShortName, string LongName, string? ValueName, string Description, bool Hidden = false)
{
    /// <summary>True when the option needs a value.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>The option as a user would type it in a message: <c>-e/--expiration-limit</c> or <c>--oc-log-level</c>.</summary>
    public string DisplayName => ShortName is { } s ? $"-{s}/--{LongName}" : $"--{LongName}";
}
