namespace Dps.Client.Steps;

/// <summary>What the cloud status observer asks the context to do (PROTOCOL.md §3.5).</summary>
internal enum DpsCloudObserverAction
{
    /// <summary>Nothing; check again after the interval.</summary>
    Continue,

    /// <summary>Registered and logged in: the observer stops.</summary>
    Finished,

    /// <summary>Select the next cloud server and restart the cloud manager; keep observing.</summary>
    SelectNextServer,

    /// <summary>Full re-provisioning: (reselect the initial server,) force reprovision, stop the cloud manager, restart DPS.</summary>
    FullReprovision,

    /// <summary>Another hub: stop the cloud manager and re-run only the credentials and ACL steps.</summary>
    ReprovisionCredentials,
}
