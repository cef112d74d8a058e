namespace Dps.Ocf;

/// <summary>Keeps plgd time's <c>lastSyncedTime</c> (store <c>plgd_time_N</c>) as an RFC 3339 string.</summary>
public interface IPlgdTimeStore
{
    /// <summary>The saved value, or null when none (or unreadable).</summary>
    string? Load();

    /// <summary>Saves the value.</summary>
    void Save(string lastSyncedTime);
}
