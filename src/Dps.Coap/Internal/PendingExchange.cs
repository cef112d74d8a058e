using Dps.Coap.Observe;

namespace Dps.Coap.Internal;

/// <summary>One request (or Ping) waiting for its response, keyed by its token.</summary>
internal sealed class PendingExchange : TaskCompletionSource<CoapMessage>
{
    public PendingExchange(CoapMessage request, TimeSpan timeout, CoapObservation? observation)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Request = request;
        Timeout = timeout;
        Observation = observation;
    }

    public CoapMessage Request { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Set for an Observe registration: the first response goes to it before the request completes.</summary>
    public CoapObservation? Observation { get; }

    /// <summary>Runs synchronously when the response arrives, before the request completes.</summary>
    public Action? Answered { get; init; }

    /// <summary>Runs synchronously when the timeout fires.</summary>
    public Action? TimedOut { get; init; }

    public void OnTimeout()
    {
        if (Task.IsCompleted)
        {
            return;
        }

        TimedOut?.Invoke();
        TrySetException(new TimeoutException(
            $"No answer to {Request.Code} {(Request.Code.IsSignaling ? string.Empty : Request.UriPath)} within {Timeout}."));
    }
}
