namespace DpsCloudServer.CommandLine;

/// <summary>The outcome of parsing the command line: options to run with, a help request, or an error.</summary>
internal sealed class CommandLineResult
{
    private CommandLineResult(CloudServerOptions? options, bool showHelp, string? error)
    {
        Options = options;
        ShowHelp = showHelp;
        Error = error;
    }

    /// <summary>The options, when the command line was valid and not a help request.</summary>
    public CloudServerOptions? Options { get; }

    /// <summary>True when <c>-h/--help</c> was given.</summary>
    public bool ShowHelp { get; }

    /// <summary>A one-line description of what was wrong, or null.</summary>
    public string? Error { get; }

    /// <summary>A valid command line.</summary>
    public static CommandLineResult Success(CloudServerOptions options) => new(options, showHelp: false, error: null);

    /// <summary>A help request.</summary>
    public static CommandLineResult HelpRequested() => new(null, showHelp: true, error: null);

    /// <summary>A bad command line.</summary>
    public static CommandLineResult Failure(string error) => new(null, showHelp: false, error);
}
