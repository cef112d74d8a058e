using Microsoft.Extensions.Logging;

namespace DpsCloudServer;

/// <summary>
/// The logger factory of the program: <c>-l</c> sets the level of the DPS library
/// (<c>Dps.Client</c>), <c>--oc-log-level</c> the level of everything else (device stack, CoAP,
/// security, this program). Logs go to stderr so stdout carries only the status blocks.
/// </summary>
internal static class CloudServerLogging
{
    /// <summary>The category prefix that <c>-l/--log-level</c> applies to.</summary>
    public const string DpsCategory = "Dps.Client";

    /// <summary>Creates the factory for <paramref name="options"/>.</summary>
    public static ILoggerFactory CreateLoggerFactory(CloudServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dpsLevel = options.LogLevel.ToLogLevel();
        var otherLevel = options.OcLogLevel.ToLogLevel();
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddFilter((category, level) =>
                level >= (IsDpsCategory(category) ? dpsLevel : otherLevel) && level != LogLevel.None);
            builder.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
                console.UseUtcTimestamp = true;
            });
        });
    }

    /// <summary>True when <paramref name="category"/> belongs to the DPS library.</summary>
    public static bool IsDpsCategory(string? category) =>
        category is not null
        && category.StartsWith(DpsCategory, StringComparison.Ordinal)
        && (category.Length == DpsCategory.Length || category[DpsCategory.Length] == '.');
}
