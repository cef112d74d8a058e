namespace Dps.Client;

/// <summary>Where the DPS time step puts the server's time: plgd time (PROTOCOL.md §2.4).</summary>
public interface IDpsTimeSink
{
    /// <summary>plgd time is active (a last-synced time is stored).</summary>
    bool IsActive { get; }

    /// <summary>The current plgd time, or null when not active.</summary>
    DateTimeOffset? GetTime();

    /// <summary>Stores the server's time as the last-synced time (persisted).</summary>
    /// <exception cref="IOException">It could not be stored.</exception>
    void Apply(DateTimeOffset serverTime);
}
