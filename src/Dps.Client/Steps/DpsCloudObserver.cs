namespace Dps.Client.Steps;

/// <summary>
/// The cloud status observer rules as a pure reducer (PROTOCOL.md §3.5). The context calls
/// <see cref="OnCheck"/> every interval and <see cref="OnServerChanged"/> when the cloud manager
/// switches server by itself.
/// </summary>
internal static class DpsCloudObserver
{
    /// <summary>The state when the cloud is started by DPS.</summary>
    public static DpsCloudObserverState Start(string selectedServerUri, string selectedServerId, int configuredServerCount) =>
        new(selectedServerUri, selectedServerId, Math.Max(0, configuredServerCount - 1));

    /// <summary>One periodic check.</summary>
    /// <param name="state">The observer state.</param>
    /// <param name="maxCount">The configured maximum number of checks.</param>
    /// <param name="cloudManagerRunning">A cloud context exists and its manager runs.</param>
    /// <param name="connected">The cloud session is connected.</param>
    /// <param name="registered">The cloud status has REGISTERED.</param>
    /// <param name="loggedIn">The cloud status has LOGGED_IN.</param>
    public static (DpsCloudObserverState State, DpsCloudObserverAction Action) OnCheck(
        DpsCloudObserverState state, int maxCount, bool cloudManagerRunning, bool connected, bool registered, bool loggedIn)
    {
        if (!cloudManagerRunning)
        {
            return (state, DpsCloudObserverAction.FullReprovision);
        }
        var progressed = false;
        if (!connected)
        {
            state = state with { SeenRegistered = false, SeenLoggedIn = false };
        }
        else
        {
            if (registered && !state.SeenRegistered)
            {
                state = state with { SeenRegistered = true };
                progressed = true;
            }
            if (loggedIn && !state.SeenLoggedIn)
            {
                state = state with { SeenLoggedIn = true };
                progressed = true;
            }
            if (state.SeenRegistered && state.SeenLoggedIn)
            {
                return (state with { RetryCount = 0 }, DpsCloudObserverAction.Finished);
            }
        }
        if (progressed)
        {
            return (state with { RetryCount = 0 }, DpsCloudObserverAction.Continue);
        }
        state = state with { RetryCount = state.RetryCount + 1 };
        if (state.RetryCount < maxCount)
        {
            return (state, DpsCloudObserverAction.Continue);
        }
        if (state.RemainingServerChanges <= 0)
        {
            return (state, DpsCloudObserverAction.FullReprovision);
        }
        return (state with { RetryCount = 0 }, DpsCloudObserverAction.SelectNextServer);
    }

    /// <summary>The cloud manager selected another server (its own retry exhaustion or <see cref="DpsCloudObserverAction.SelectNextServer"/>).</summary>
    public static (DpsCloudObserverState State, DpsCloudObserverAction Action) OnServerChanged(
        DpsCloudObserverState state, string serverUri, string serverId)
    {
        if (state.RemainingServerChanges <= 0)
        {
            return (state, DpsCloudObserverAction.Continue);
        }
        if (string.Equals(serverUri, state.InitialServerUri, StringComparison.Ordinal))
        {
            return (state, DpsCloudObserverAction.FullReprovision);
        }
        var idChanged = !string.IsNullOrEmpty(serverId)
            && serverId != "00000000-0000-0000-0000-000000000000"
            && !string.Equals(serverId, state.LastServerId, StringComparison.OrdinalIgnoreCase);
        state = state with
        {
            RemainingServerChanges = state.RemainingServerChanges - 1,
            RetryCount = 0,
            SeenRegistered = false,
            SeenLoggedIn = false,
            LastServerId = idChanged ? serverId : state.LastServerId,
        };
        return (state, idChanged ? DpsCloudObserverAction.ReprovisionCredentials : DpsCloudObserverAction.Continue);
    }

    /// <summary>
    /// The status change for <see cref="DpsCloudObserverAction.ReprovisionCredentials"/>: GET/HAS
    /// CREDENTIALS, GET/HAS ACLS and CLOUD_STARTED cleared (reset the retry counter too).
    /// </summary>
    public static DpsStatus ClearCredentialsAndAcls(DpsStatus status) =>
        status & ~(DpsStatus.GetCredentials | DpsStatus.HasCredentials | DpsStatus.GetAcls | DpsStatus.HasAcls | DpsStatus.CloudStarted);
}
