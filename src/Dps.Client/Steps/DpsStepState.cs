namespace Dps.Client.Steps;

/// <summary>The part of a DPS context the step machine changes (PROTOCOL.md §2.2, §3.2).</summary>
/// <param name="Status">The status flags.</param>
/// <param name="LastError">The last error (<c>lastErrorCode</c>).</param>
/// <param name="TransientRetryCount">Consecutive transient failures (3 force full re-provisioning).</param>
/// <param name="ForceReprovision">Full re-provisioning requested for the next attempt.</param>
internal readonly record struct DpsStepState(
    DpsStatus Status,
    DpsError LastError = DpsError.Ok,
    int TransientRetryCount = 0,
    bool ForceReprovision = false);
