using Microsoft.Extensions.Logging;

namespace Dps.Ocf;

/// <summary>Source-generated log messages of Dps.Ocf (event ids 3000–3099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Store {Name} is corrupt or truncated; treated as absent")]
    public static partial void StoreCorrupt(ILogger logger, string name);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Store {Name} could not be read; treated as absent")]
    public static partial void StoreUnreadable(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Store {Name} does not hold a valid representation ({Reason}); treated as absent")]
    public static partial void StoreInvalid(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Store {Name} saved ({Length} bytes)")]
    public static partial void StoreSaved(ILogger logger, string name, int length);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Store {Name} ignores unknown key {Key}")]
    public static partial void StoreUnknownKey(ILogger logger, string name, string key);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Directory {Directory} could not be synced (errno {Errno})")]
    public static partial void DirectorySyncFailed(ILogger logger, string directory, int errno);
}
