namespace Dps.Client.Steps;

/// <summary>What the context does after the step machine handled an event.</summary>
internal enum DpsStepAction
{
    /// <summary>Nothing (a duplicate response).</summary>
    Ignore,

    /// <summary>The response is good: apply the payload, then report with <see cref="DpsStepMachine.OnApplied"/>.</summary>
    Apply,

    /// <summary>The step succeeded: reset the retry counter and run the next step (or start the cloud) now.</summary>
    NextStep,

    /// <summary>The attempt failed: wait the failure delay, then retry.</summary>
    RetryAfterDelay,

    /// <summary>The attempt timed out: retry now (the timeout already was the wait).</summary>
    RetryImmediately,
}
