namespace Dps.Client;

/// <summary>The DPS "effective time" used for certificate checks (PROTOCOL.md §2.4).</summary>
public static class DpsTime
{
    /// <summary>How far plgd time may run ahead of the system clock before it is preferred: 1 hour.</summary>
    public static TimeSpan PlgdTimeTolerance { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// System time when plgd time is not active (<see langword="null"/>), when the system clock is
    /// ahead of plgd time, or when plgd time is at most 1 h ahead; otherwise plgd time.
    /// </summary>
    public static DateTimeOffset GetEffectiveTime(DateTimeOffset systemTime, DateTimeOffset? plgdTime)
    {
        if (plgdTime is not { } plgd || systemTime > plgd || plgd - systemTime <= PlgdTimeTolerance)
        {
            return systemTime;
        }
        return plgd;
    }
}
