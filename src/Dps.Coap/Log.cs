using Microsoft.Extensions.Logging;

namespace Dps.Coap;

/// <summary>Source-generated log messages of Dps.Coap (EventIds 1000–1999). Never logs tokens or payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "CoAP connection {RemoteEndPoint} started")]
    public static partial void ConnectionStarted(ILogger logger, string? remoteEndPoint);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "CoAP connection {RemoteEndPoint} closed ({Kind}): {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string? remoteEndPoint, CoapConnectionErrorKind kind, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "CSM received from {RemoteEndPoint}: {Settings}")]
    public static partial void CsmReceived(ILogger logger, string? remoteEndPoint, CoapPeerSettings settings);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Sent {Code} {Path} ({Length} bytes)")]
    public static partial void MessageSent(ILogger logger, CoapCode code, string path, int length);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Received {Code} {Path} ({Length} bytes payload)")]
    public static partial void MessageReceived(ILogger logger, CoapCode code, string path, int length);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Ignored a {Code} response with an unknown token")]
    public static partial void UnknownResponseToken(ILogger logger, CoapCode code);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "The handler failed on {Code} {Path}; answered 5.00")]
    public static partial void HandlerFailed(ILogger logger, CoapCode code, string path, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Protocol violation by {RemoteEndPoint}: {Reason}; sending Abort")]
    public static partial void ProtocolViolation(ILogger logger, string? remoteEndPoint, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Ignored signaling message {Code}")]
    public static partial void SignalIgnored(ILogger logger, CoapCode code);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Reading from {RemoteEndPoint} failed")]
    public static partial void ReadFailed(ILogger logger, string? remoteEndPoint, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Keep-alive ping {Misses}/{MaxMisses} to {RemoteEndPoint} was not answered")]
    public static partial void KeepAliveMissed(ILogger logger, int misses, int maxMisses, string? remoteEndPoint);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "A {Code} response of {Length} bytes exceeds the peer's Max-Message-Size {MaxMessageSize} and the peer does not do block-wise transfer; answered 5.00")]
    public static partial void ResponseTooLarge(ILogger logger, CoapCode code, int length, int maxMessageSize);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug, Message = "Sending {Code} failed")]
    public static partial void BackgroundSendFailed(ILogger logger, CoapCode code, Exception exception);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug, Message = "Dropped an out-of-order notification (sequence {Sequence} after {Last})")]
    public static partial void NotificationReordered(ILogger logger, uint sequence, uint last);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Too many concurrent requests ({Limit}); answered 5.03 to {Code} {Path}")]
    public static partial void TooManyRequests(ILogger logger, int limit, CoapCode code, string path);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Error, Message = "A Closed event handler threw")]
    public static partial void ClosedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Debug, Message = "Request {Code} {Path} has unknown critical option {Option}; answered 4.02")]
    public static partial void UnknownCriticalOption(ILogger logger, CoapCode code, string path, int option);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Error, Message = "Serving {Code} {Path} failed")]
    public static partial void IncomingRequestFailed(ILogger logger, CoapCode code, string path, Exception exception);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Debug, Message = "Block-wise transfer: {Code} {Path} block {Block}")]
    public static partial void BlockTransferred(ILogger logger, CoapCode code, string path, string block);
}
