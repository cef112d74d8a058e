using Microsoft.Extensions.Logging;

namespace Dps.Service;

/// <summary>Source-generated log methods of dps-service (event ids 5000–5099). Never log keys, tokens or PSKs.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "DPS {Step} for {RecordId}: {Code}")]
    public static partial void StepAnswered(ILogger logger, string step, string recordId, string code);

    [LoggerMessage(5001, LogLevel.Information, "DPS {Step} for {RecordId}: injected fault {Fault}")]
    public static partial void FaultInjected(ILogger logger, string step, string recordId, string fault);

    [LoggerMessage(5002, LogLevel.Warning, "DPS {Step} for {RecordId}: bad request: {Reason}")]
    public static partial void BadRequest(ILogger logger, string step, string recordId, string reason);

    [LoggerMessage(5003, LogLevel.Warning, "Could not write the provisioning record {RecordId}")]
    public static partial void RecordWriteFailed(ILogger logger, string recordId, Exception exception);

    [LoggerMessage(5004, LogLevel.Error, "DPS {Step} for {RecordId} failed")]
    public static partial void StepFailed(ILogger logger, string step, string recordId, Exception exception);
}
