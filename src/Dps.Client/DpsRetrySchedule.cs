namespace Dps.Client;

/// <summary>
/// What a scheduler decided for one attempt: the request timeout of the attempt and the wait after
/// it fails with an error response. A zero value means "use the fallback" (2 s timeout, 1000–1999 ms
/// wait; PROTOCOL.md §3.1).
/// </summary>
/// <param name="RequestTimeout">The CoAP request timeout of the attempt.</param>
/// <param name="FailureDelay">The wait after the attempt fails (not added after a timeout).</param>
public readonly record struct DpsRetrySchedule(TimeSpan RequestTimeout, TimeSpan FailureDelay);
