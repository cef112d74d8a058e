using Microsoft.Extensions.Logging;

namespace Dps.Client;

/// <summary>Source-generated log messages of Dps.Client (event ids 4000–4499).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "DPS device {Device}: status {Status} (last error {Error})")]
    public static partial void StatusChanged(ILogger logger, int device, string status, DpsError error);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "DPS device {Device}: a StatusChanged handler threw; ignored")]
    public static partial void StatusHandlerFailed(ILogger logger, int device, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "DPS device {Device}: a work item failed")]
    public static partial void WorkItemFailed(ILogger logger, int device, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "DPS device {Device}: no endpoint selected; idle")]
    public static partial void NoEndpoint(ILogger logger, int device);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "DPS device {Device}: no manufacturer certificate; not started")]
    public static partial void NoManufacturerCertificate(ILogger logger, int device);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "DPS device {Device}: started with status {Status}")]
    public static partial void Started(ILogger logger, int device, string status);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "DPS device {Device}: stopped")]
    public static partial void Stopped(ILogger logger, int device);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "DPS device {Device}: {Method} {Path} to {Endpoint} (timeout {Timeout})")]
    public static partial void RequestSent(ILogger logger, int device, string method, string path, string endpoint, TimeSpan timeout);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "DPS device {Device}: {Path} answered {Outcome} ({Length} bytes)")]
    public static partial void ResponseReceived(ILogger logger, int device, string path, string outcome, int length);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "DPS device {Device}: {Path} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, int device, string path, string reason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "DPS device {Device}: retry in {Delay} (counter {Count})")]
    public static partial void RetryScheduled(ILogger logger, int device, TimeSpan delay, int count);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "DPS device {Device}: endpoint {Endpoint} selected")]
    public static partial void EndpointSelected(ILogger logger, int device, string endpoint);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "DPS device {Device}: redirected to {Endpoint}")]
    public static partial void Redirected(ILogger logger, int device, string endpoint);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "DPS device {Device}: applying the {Step} answer failed: {Reason}")]
    public static partial void ApplyFailed(ILogger logger, int device, string step, string reason);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "DPS device {Device}: self-owned")]
    public static partial void SelfOwned(ILogger logger, int device);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "DPS device {Device}: owned by {Owner}")]
    public static partial void Owned(ILogger logger, int device, string owner);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Information, Message = "DPS device {Device}: cloud started")]
    public static partial void CloudStarted(ILogger logger, int device);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning, Message = "DPS device {Device}: starting the cloud failed")]
    public static partial void CloudStartFailed(ILogger logger, int device, Exception exception);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Warning, Message = "DPS device {Device}: DPS credentials are not valid; removed {Removed}")]
    public static partial void CredentialsInvalid(ILogger logger, int device, int removed);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Information, Message = "DPS device {Device}: DPS connection closed unexpectedly; continuing")]
    public static partial void UnexpectedDisconnect(ILogger logger, int device);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "DPS device {Device}: factory reset")]
    public static partial void FactoryReset(ILogger logger, int device);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "DPS device {Device}: saving the DPS store failed")]
    public static partial void StoreSaveFailed(ILogger logger, int device, Exception exception);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning, Message = "DPS device {Device}: the DPS store is unreadable; starting empty")]
    public static partial void StoreLoadFailed(ILogger logger, int device, Exception exception);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Information, Message = "DPS device {Device}: provisioned state is valid; starting the cloud without DPS requests")]
    public static partial void SkippingToCloud(ILogger logger, int device);
}
