using Dps.Ocf;

namespace Dps.Client.Ocf;

/// <summary>An <see cref="IDpsTimeSink"/> over a device's <see cref="PlgdTime"/>.</summary>
public sealed class PlgdTimeSink : IDpsTimeSink
{
    private readonly PlgdTime _time;

    /// <summary>Wraps <paramref name="time"/>.</summary>
    /// <param name="time">The device's plgd time.</param>
    public PlgdTimeSink(PlgdTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <inheritdoc/>
    public bool IsActive => _time.IsActive;

    /// <inheritdoc/>
    public DateTimeOffset? GetTime() => _time.IsActive ? _time.GetUtcNow() : null;

    /// <inheritdoc/>
    public void Apply(DateTimeOffset serverTime) => _time.SetTime(serverTime);
}
