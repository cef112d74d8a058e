using Microsoft.Extensions.Logging;

namespace DpsCloudServer;

/// <summary>Text names of <see cref="DpsLogLevel"/> and the mapping to <see cref="LogLevel"/>.</summary>
internal static class DpsLogLevelNames
{
    /// <summary>The accepted names, in the order the help text lists them.</summary>
    public static readonly IReadOnlyList<string> All = ["disabled", "trace", "debug", "info", "notice", "warning", "error"];

    /// <summary>Parses a level name (case-insensitive).</summary>
    public static bool TryParse(string text, out DpsLogLevel level)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], text, StringComparison.OrdinalIgnoreCase))
            {
                level = (DpsLogLevel)i;
                return true;
            }
        }
        level = DpsLogLevel.Info;
        return false;
    }

    /// <summary>The lower-case name, e.g. <c>info</c>.</summary>
    public static string ToName(this DpsLogLevel level) => All[(int)level];

    /// <summary>The minimum <see cref="LogLevel"/> that is written at <paramref name="level"/>.</summary>
    public static LogLevel ToLogLevel(this DpsLogLevel level) => level switch
    {
        DpsLogLevel.Disabled => LogLevel.None,
        DpsLogLevel.Trace => LogLevel.Trace,
        DpsLogLevel.Debug => LogLevel.Debug,
        DpsLogLevel.Info or DpsLogLevel.Notice => LogLevel.Information,
        DpsLogLevel.Warning => LogLevel.Warning,
        DpsLogLevel.Error => LogLevel.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown log level"),
    };
}
