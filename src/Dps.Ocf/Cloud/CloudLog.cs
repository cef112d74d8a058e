using Microsoft.Extensions.Logging;

namespace Dps.Ocf.Cloud;

/// <summary>Source-generated log messages of the cloud manager (event ids 3600–3799). Never logs tokens.</summary>
internal static partial class CloudLog
{
    [LoggerMessage(EventId = 3600, Level = LogLevel.Information, Message = "Cloud manager of device {DeviceId} started (server {Server})")]
    public static partial void Started(ILogger logger, OcfUuid deviceId, string server);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Cloud manager of device {DeviceId} stopped")]
    public static partial void Stopped(ILogger logger, OcfUuid deviceId);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Debug, Message = "Connecting to cloud server {Server}")]
    public static partial void Connecting(ILogger logger, string server);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Connected to cloud server {Server}")]
    public static partial void Connected(ILogger logger, string server);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Warning, Message = "Cloud {Step} attempt {Attempt} failed: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string step, int attempt, string reason);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Debug, Message = "Cloud {Step} attempt {Attempt} in {Delay} (timeout {Timeout})")]
    public static partial void Attempt(ILogger logger, string step, int attempt, TimeSpan delay, TimeSpan timeout);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Information, Message = "Registered with cloud server {Server} (token expires in {ExpiresIn} s)")]
    public static partial void Registered(ILogger logger, string server, long expiresIn);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Information, Message = "Logged in to cloud server {Server} (token expires in {ExpiresIn} s)")]
    public static partial void LoggedIn(ILogger logger, string server, long expiresIn);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Information, Message = "Cloud access token refreshed (expires in {ExpiresIn} s)")]
    public static partial void Refreshed(ILogger logger, long expiresIn);

    [LoggerMessage(EventId = 3609, Level = LogLevel.Information, Message = "Published {Count} links to the cloud")]
    public static partial void Published(ILogger logger, int count);

    [LoggerMessage(EventId = 3610, Level = LogLevel.Warning, Message = "Publishing to the cloud failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3611, Level = LogLevel.Warning, Message = "Cloud {Step} rejected with {Code}; clec {Error}")]
    public static partial void StepRejected(ILogger logger, string step, string code, CloudError error);

    [LoggerMessage(EventId = 3612, Level = LogLevel.Warning, Message = "Cloud {Step} retries exhausted")]
    public static partial void RetriesExhausted(ILogger logger, string step);

    [LoggerMessage(EventId = 3613, Level = LogLevel.Information, Message = "Cloud server changed from {Previous} to {Current}")]
    public static partial void ServerChanged(ILogger logger, string previous, string current);

    [LoggerMessage(EventId = 3614, Level = LogLevel.Debug, Message = "Cloud keep-alive ping answered")]
    public static partial void PingAnswered(ILogger logger);

    [LoggerMessage(EventId = 3615, Level = LogLevel.Warning, Message = "Cloud keep-alive ping {Misses}/{MaxMisses} not answered")]
    public static partial void PingMissed(ILogger logger, int misses, int maxMisses);

    [LoggerMessage(EventId = 3616, Level = LogLevel.Warning, Message = "Cloud connection lost ({Reason}); reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string reason);

    [LoggerMessage(EventId = 3617, Level = LogLevel.Error, Message = "A cloud {Event} handler threw")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(EventId = 3618, Level = LogLevel.Information, Message = "Cloud redirected to {Server}")]
    public static partial void Redirected(ILogger logger, string server);

    [LoggerMessage(EventId = 3619, Level = LogLevel.Information, Message = "Deregistered from the cloud ({Outcome})")]
    public static partial void Deregistered(ILogger logger, string outcome);

    [LoggerMessage(EventId = 3620, Level = LogLevel.Information, Message = "Signed out of the cloud ({Outcome})")]
    public static partial void SignedOut(ILogger logger, string outcome);

    [LoggerMessage(EventId = 3621, Level = LogLevel.Error, Message = "The cloud manager loop failed")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3622, Level = LogLevel.Warning, Message = "Cloud {Step} answer is invalid: {Reason}")]
    public static partial void InvalidAnswer(ILogger logger, string step, string reason);

    [LoggerMessage(EventId = 3623, Level = LogLevel.Information, Message = "Cloud context cleared (clec {Error})")]
    public static partial void ContextCleared(ILogger logger, CloudError error);

    [LoggerMessage(EventId = 3624, Level = LogLevel.Debug, Message = "Cloud status {Status}, cps {Cps}, clec {Error}")]
    public static partial void Status(ILogger logger, CloudStatus status, CloudProvisioningStatus cps, CloudError error);

    [LoggerMessage(EventId = 3625, Level = LogLevel.Information, Message = "Cloud manager has nothing to do (cps {Cps}, status {Status})")]
    public static partial void Idle(ILogger logger, CloudProvisioningStatus cps, CloudStatus status);

    [LoggerMessage(EventId = 3626, Level = LogLevel.Warning, Message = "Saving the cloud store {Name} failed")]
    public static partial void SaveFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(EventId = 3627, Level = LogLevel.Information, Message = "Cloud token refresh scheduled in {Delay}")]
    public static partial void RefreshScheduled(ILogger logger, TimeSpan delay);
}
