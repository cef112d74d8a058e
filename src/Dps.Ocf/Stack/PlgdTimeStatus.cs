namespace Dps.Ocf;

/// <summary>The state of plgd time (the <c>status</c> property of <c>/x.plgd.dev/time</c>).</summary>
public enum PlgdTimeStatus
{
    /// <summary><c>in-sync</c>: synchronised from the DPS in this run.</summary>
    InSync = 0,

    /// <summary><c>in-sync-from-storage</c>: loaded from the store at start.</summary>
    InSyncFromStorage = 1,

    /// <summary><c>syncing</c>: a synchronisation is under way.</summary>
    Syncing = 2,
}
