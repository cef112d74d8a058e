namespace Dps.Client.Steps;

/// <summary>
/// What the device's stored state says at manager start (PROTOCOL.md §3.8), each answer computed by
/// the context from the Ocf stack.
/// </summary>
/// <param name="TimeActive">plgd time has a last-synced time.</param>
/// <param name="Owned">Owned (not self-owned) and consistent for <c>doxm.devowneruuid</c> (§2.5).</param>
/// <param name="CloudConfigured">A selected cloud server and a non-empty access token (§2.6).</param>
/// <param name="CredentialsValid">Valid DPS identity and trust CA and the identity chain can be set (§2.7).</param>
/// <param name="AclsPresent">At least one ACE tagged <c>dps</c> (§2.8).</param>
/// <param name="CloudRegistered">The cloud status has REGISTERED.</param>
/// <param name="CloudManagerRunning">The cloud manager is running.</param>
internal readonly record struct DpsStoredState(
    bool TimeActive,
    bool Owned,
    bool CloudConfigured,
    bool CredentialsValid,
    bool AclsPresent,
    bool CloudRegistered,
    bool CloudManagerRunning);
