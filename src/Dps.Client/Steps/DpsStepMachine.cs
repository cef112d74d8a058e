namespace Dps.Client.Steps;

/// <summary>
/// The provisioning step rules of plgd as a pure reducer (PROTOCOL.md §2.2, §3.2): (state, event) →
/// (state, action). The steps are TIME → OWNER → CLOUD → CREDENTIALS → ACLS, each named by its GET flag.
/// </summary>
internal static class DpsStepMachine
{
    /// <summary><c>DPS_MAX_TRANSIENT_RETRY_COUNT</c>: this many transient failures in a row force full re-provisioning.</summary>
    public const int MaxTransientRetryCount = 3;

    private const DpsStatus AllStepFlags =
        DpsStatus.GetTime | DpsStatus.HasTime | DpsStatus.GetOwner | DpsStatus.HasOwner
        | DpsStatus.GetCloud | DpsStatus.HasCloud | DpsStatus.GetCredentials | DpsStatus.HasCredentials
        | DpsStatus.GetAcls | DpsStatus.HasAcls;

    /// <summary>The steps in order, by their GET flag.</summary>
    public static IReadOnlyList<DpsStatus> Steps { get; } =
        [DpsStatus.GetTime, DpsStatus.GetOwner, DpsStatus.GetCloud, DpsStatus.GetCredentials, DpsStatus.GetAcls];

    /// <summary>
    /// The GET flag of the first step whose HAS flag is missing, or <see cref="DpsStatus.Uninitialized"/>
    /// when all five are present (start the cloud).
    /// </summary>
    public static DpsStatus GetNextStep(DpsStatus status)
    {
        foreach (var step in Steps)
        {
            if ((status & GetHasFlag(step)) == 0)
            {
                return step;
            }
        }
        return DpsStatus.Uninitialized;
    }

    /// <summary>The HAS flag that belongs to a step's GET flag.</summary>
    public static DpsStatus GetHasFlag(DpsStatus step) => step switch
    {
        DpsStatus.GetTime => DpsStatus.HasTime,
        DpsStatus.GetOwner => DpsStatus.HasOwner,
        DpsStatus.GetCloud => DpsStatus.HasCloud,
        DpsStatus.GetCredentials => DpsStatus.HasCredentials,
        DpsStatus.GetAcls => DpsStatus.HasAcls,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a provisioning step."),
    };

    /// <summary>The error code a step reports when its status check or payload fails.</summary>
    public static DpsError GetStepError(DpsStatus step) => step switch
    {
        DpsStatus.GetTime => DpsError.GetTime,
        DpsStatus.GetOwner => DpsError.GetOwner,
        DpsStatus.GetCloud => DpsError.SetCloud,
        DpsStatus.GetCredentials => DpsError.GetCredentials,
        DpsStatus.GetAcls => DpsError.GetAcls,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a provisioning step."),
    };

    /// <summary>
    /// The exact status a step's response handler expects (error flags already cleared), e.g. the owner
    /// step expects <c>INITIALIZED|HAS_TIME|GET_OWNER</c>.
    /// </summary>
    public static DpsStatus GetExpectedStatus(DpsStatus step)
    {
        var expected = DpsStatus.Initialized;
        foreach (var previous in Steps)
        {
            if (previous == step)
            {
                return expected | step;
            }
            expected |= GetHasFlag(previous);
        }
        throw new ArgumentOutOfRangeException(nameof(step), step, "Not a provisioning step.");
    }

    /// <summary>
    /// The status at manager start (PROTOCOL.md §3.8): <c>INITIALIZED</c> plus the HAS flags the stored
    /// state proves, each requiring the previous one (TIME → OWNER → CLOUD → CREDENTIALS → ACLS), then
    /// <c>CLOUD_STARTED</c> when registered with a running cloud manager. A forced re-provisioning
    /// starts from <c>INITIALIZED</c> alone.
    /// </summary>
    public static DpsStatus GetStartStatus(DpsStoredState stored, bool forceReprovision)
    {
        var status = DpsStatus.Initialized;
        if (forceReprovision || !stored.TimeActive)
        {
            return status;
        }
        status |= DpsStatus.HasTime;
        if (!stored.Owned)
        {
            return status;
        }
        status |= DpsStatus.HasOwner;
        if (!stored.CloudConfigured)
        {
            return status;
        }
        status |= DpsStatus.HasCloud;
        if (!stored.CredentialsValid)
        {
            return status;
        }
        status |= DpsStatus.HasCredentials;
        if (!stored.AclsPresent)
        {
            return status;
        }
        status |= DpsStatus.HasAcls;
        if (stored.CloudRegistered && stored.CloudManagerRunning)
        {
            status |= DpsStatus.CloudStarted;
        }
        return status;
    }

    /// <summary>
    /// Before an attempt: a pending full re-provisioning clears every GET/HAS step flag so the flow
    /// restarts at TIME.
    /// </summary>
    public static DpsStepState OnRetry(DpsStepState state) =>
        state.ForceReprovision
            ? state with { Status = state.Status & ~AllStepFlags, ForceReprovision = false }
            : state;

    /// <summary>The request of <paramref name="step"/> was sent: add its GET flag, clear error flags (not for CLOUD), last error 0.</summary>
    public static DpsStepState OnDispatch(DpsStepState state, DpsStatus step)
    {
        _ = GetHasFlag(step);
        var status = state.Status | step;
        if (step != DpsStatus.GetCloud)
        {
            status &= ~DpsStatus.ErrorFlags;
        }
        return state with { Status = status, LastError = DpsError.Ok };
    }

    /// <summary>
    /// The request of <paramref name="step"/> could not be sent (e.g. the device is not in RFNOP):
    /// FAILURE and a retry after the delay, without forcing re-provisioning.
    /// </summary>
    public static DpsStepResult OnDispatchFailed(DpsStepState state, DpsStatus step)
    {
        var error = GetStepError(step);
        return new DpsStepResult(
            state with { Status = state.Status | DpsStatus.Failure, LastError = error },
            DpsStepAction.RetryAfterDelay);
    }

    /// <summary>
    /// A response (or internal outcome) of <paramref name="step"/> arrived. The time step must pass a
    /// 2.05 whose body cannot be parsed as 5.00.
    /// </summary>
    public static DpsStepResult OnResponse(DpsStepState state, DpsStatus step, DpsResponse response)
    {
        var has = GetHasFlag(step);
        if ((state.Status & (has | DpsStatus.Failure)) == has)
        {
            return new DpsStepResult(state, DpsStepAction.Ignore);
        }
        state = state with { Status = state.Status & ~DpsStatus.ErrorFlags };
        if (state.Status != GetExpectedStatus(step))
        {
            return Fail(state, has, GetStepError(step), response);
        }
        switch (DpsResponseClassifier.Classify(response))
        {
            case DpsResponseOutcome.Success:
                return new DpsStepResult(state, DpsStepAction.Apply);
            case DpsResponseOutcome.Transient:
                state = state with { Status = state.Status | DpsStatus.TransientFailure, LastError = DpsError.Ok };
                return HandleFailure(state, response);
            default:
                state = state with { Status = state.Status | DpsStatus.Failure, LastError = DpsError.Response };
                return HandleFailure(state, response);
        }
    }

    /// <summary>
    /// The payload of a good response was applied (<see cref="DpsError.Ok"/>) or failed with the given
    /// error (usually the step's error; <see cref="DpsError.Response"/> for unusable content).
    /// </summary>
    public static DpsStepResult OnApplied(DpsStepState state, DpsStatus step, DpsError error)
    {
        var has = GetHasFlag(step);
        if (error != DpsError.Ok)
        {
            return Fail(state, has, error, response: null);
        }
        var status = (state.Status | has) & ~(step | DpsStatus.ErrorFlags);
        return new DpsStepResult(
            state with { Status = status, LastError = DpsError.Ok, TransientRetryCount = 0 },
            DpsStepAction.NextStep);
    }

    private static DpsStepResult Fail(DpsStepState state, DpsStatus has, DpsError error, DpsResponse? response)
    {
        state = state with { Status = (state.Status | DpsStatus.Failure) & ~has, LastError = error };
        return HandleFailure(state, response);
    }

    // plgd's dps_provisioning_handle_failure: FAILURE forces full re-provisioning; the third transient
    // failure in a row does too; timeouts retry at once, everything else after the delay.
    private static DpsStepResult HandleFailure(DpsStepState state, DpsResponse? response)
    {
        if ((state.Status & DpsStatus.Failure) != 0)
        {
            state = state with { ForceReprovision = true };
        }
        else if ((state.Status & DpsStatus.TransientFailure) != 0)
        {
            var count = state.TransientRetryCount + 1;
            state = count >= MaxTransientRetryCount
                ? state with { TransientRetryCount = 0, ForceReprovision = true }
                : state with { TransientRetryCount = count };
        }
        var action = response is { } r && DpsResponseClassifier.IsTimeoutError(r)
            ? DpsStepAction.RetryImmediately
            : DpsStepAction.RetryAfterDelay;
        return new DpsStepResult(state, action);
    }
}
