namespace Dps.Client;

/// <summary>
/// The cloud status observer configuration (<c>plgd_dps_set_cloud_observer_configuration</c>,
/// PROTOCOL.md §3.5): how many checks, how far apart, before the observer rotates hub gateways or
/// forces re-provisioning.
/// </summary>
public sealed class DpsCloudObserverConfiguration
{
    /// <summary>The default maximum number of checks: 30.</summary>
    public const int DefaultMaxCount = 30;

    /// <summary>The largest accepted <see cref="MaxCount"/> (the C API stores <c>uint8_t</c>).</summary>
    public const int MaxMaxCount = 255;

    /// <summary>The largest accepted interval in seconds (the C API stores <c>uint8_t</c>).</summary>
    public const int MaxIntervalSeconds = 255;

    /// <summary>Checks before giving up on a gateway; 0 disables the observer. Default 30.</summary>
    public int MaxCount { get; set; } = DefaultMaxCount;

    /// <summary>Time between checks: whole seconds, 1–255. Default 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The observer runs at all.</summary>
    public bool IsEnabled => MaxCount > 0;

    /// <summary>Checks the values.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range.</exception>
    public void Validate()
    {
        if (MaxCount < 0 || MaxCount > MaxMaxCount)
        {
            throw new InvalidOperationException(
                $"Cloud observer MaxCount is {MaxCount}; it must be 0–{MaxMaxCount} (0 disables the observer).");
        }
        if (Interval <= TimeSpan.Zero || Interval.Ticks % TimeSpan.TicksPerSecond != 0
            || Interval > TimeSpan.FromSeconds(MaxIntervalSeconds))
        {
            throw new InvalidOperationException(
                $"Cloud observer Interval is {Interval}; it must be whole seconds, 1–{MaxIntervalSeconds} s.");
        }
    }

    /// <summary>A copy.</summary>
    public DpsCloudObserverConfiguration Clone() => new() { MaxCount = MaxCount, Interval = Interval };
}
