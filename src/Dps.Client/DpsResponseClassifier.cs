using Dps.Coap;

namespace Dps.Client;

/// <summary>Classifies request outcomes as plgd does (PROTOCOL.md §3.2).</summary>
public static class DpsResponseClassifier
{
    /// <summary>Success for 2.xx; transient for timeouts, 5.03 and 5.04; permanent for everything else.</summary>
    public static DpsResponseOutcome Classify(DpsResponse response)
    {
        if (IsTimeoutError(response) || IsConnectionError(response))
        {
            return DpsResponseOutcome.Transient;
        }
        return response.Kind == DpsResponseKind.Response && response.Code.IsSuccess
            ? DpsResponseOutcome.Success
            : DpsResponseOutcome.Permanent;
    }

    /// <summary>Only a request timeout or a transaction timeout (the retry then follows without a wait).</summary>
    public static bool IsTimeoutError(DpsResponse response) =>
        response.Kind is DpsResponseKind.RequestTimeout or DpsResponseKind.TransactionTimeout;

    /// <summary>Only 5.03 Service Unavailable and 5.04 Gateway Timeout.</summary>
    public static bool IsConnectionError(DpsResponse response) =>
        response.Kind == DpsResponseKind.Response
        && (response.Code == CoapCode.ServiceUnavailable || response.Code == CoapCode.GatewayTimeout);
}
