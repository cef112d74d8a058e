namespace Dps.Client.Steps;

/// <summary>The cloud status observer's state (PROTOCOL.md §3.5).</summary>
/// <param name="InitialServerUri">The cloud server selected when the observer started.</param>
/// <param name="LastServerId">The hub id (UUID string) of the last selected server.</param>
/// <param name="RemainingServerChanges">How many other configured cloud servers may still be tried.</param>
/// <param name="RetryCount">Checks without progress.</param>
/// <param name="SeenRegistered">REGISTERED was observed.</param>
/// <param name="SeenLoggedIn">LOGGED_IN was observed.</param>
internal readonly record struct DpsCloudObserverState(
    string InitialServerUri,
    string LastServerId,
    int RemainingServerChanges,
    int RetryCount = 0,
    bool SeenRegistered = false,
    bool SeenLoggedIn = false);
