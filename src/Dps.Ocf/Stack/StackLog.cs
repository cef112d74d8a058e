using Dps.Coap;
using Microsoft.Extensions.Logging;

namespace Dps.Ocf.Stack;

/// <summary>Log messages of the device stack (EventId 3500–3599).</summary>
internal static partial class StackLog
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Error, Message = "A work item on the device executor failed")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "Device {Index}: {Method} {Path} -> {Code}")]
    public static partial void RequestServed(ILogger logger, int index, CoapCode method, string path, CoapCode code);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Error, Message = "Device {Index}: handler of {Method} {Path} failed")]
    public static partial void HandlerFailed(ILogger logger, int index, CoapCode method, string path, Exception exception);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Debug, Message = "Device {Index}: malformed representation in {Method} {Path}: {Reason}")]
    public static partial void MalformedRepresentation(ILogger logger, int index, CoapCode method, string path, string reason);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Debug, Message = "Device {Index}: observer registered on {Path} ({Interface})")]
    public static partial void ObserverRegistered(ILogger logger, int index, string path, string @interface);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Debug, Message = "Device {Index}: notification on {Path} not sent: {Reason}")]
    public static partial void NotificationFailed(ILogger logger, int index, string path, string reason);

    [LoggerMessage(EventId = 3512, Level = LogLevel.Error, Message = "Device {Index}: notification on {Path} failed")]
    public static partial void NotificationError(ILogger logger, int index, string path, Exception exception);

    [LoggerMessage(EventId = 3506, Level = LogLevel.Information, Message = "Device {Index}: factory reset started")]
    public static partial void ResetStarted(ILogger logger, int index);

    [LoggerMessage(EventId = 3507, Level = LogLevel.Information, Message = "Device {Index}: factory reset finished")]
    public static partial void ResetFinished(ILogger logger, int index);

    [LoggerMessage(EventId = 3508, Level = LogLevel.Error, Message = "Device {Index}: a reset or presets callback failed")]
    public static partial void ResetCallbackFailed(ILogger logger, int index, Exception exception);

    [LoggerMessage(EventId = 3509, Level = LogLevel.Error, Message = "An event handler of {Event} threw")]
    public static partial void EventHandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(EventId = 3510, Level = LogLevel.Information, Message = "plgd time set to {Time} ({Status})")]
    public static partial void PlgdTimeSet(ILogger logger, DateTimeOffset time, string status);

    [LoggerMessage(EventId = 3511, Level = LogLevel.Warning, Message = "Stored plgd time {Value} is not a valid RFC 3339 time; ignored")]
    public static partial void PlgdTimeStoreInvalid(ILogger logger, string value);

    [LoggerMessage(EventId = 3513, Level = LogLevel.Debug, Message = "Device {Index}: update of {Path} rejected: {Reason}")]
    public static partial void SecurityUpdateRejected(ILogger logger, int index, string path, string reason);

    [LoggerMessage(EventId = 3514, Level = LogLevel.Information, Message = "Device {Index}: cloud configuration changed (reset: {IsReset})")]
    public static partial void CloudConfigurationChanged(ILogger logger, int index, bool isReset);

    [LoggerMessage(EventId = 3515, Level = LogLevel.Information, Message = "Device {Index}: booted in RFOTM, running the factory presets")]
    public static partial void BootPresets(ILogger logger, int index);

    [LoggerMessage(EventId = 3516, Level = LogLevel.Information, Message = "Device {Index}: pstat dos.s set to RESET, factory reset queued")]
    public static partial void ResetRequested(ILogger logger, int index);
}
