namespace Dps.Ocf.Cloud;

/// <summary>
/// The cloud manager's timing rules as pure functions (PROTOCOL §7.7–§7.8): retry delays and
/// timeouts, token refresh time, next keep-alive ping.
/// </summary>
public static class CloudRetryPolicy
{
    /// <summary>iotivity's retry timeouts: 2, 4, 8, 16, 32, 64 s.</summary>
    public static IReadOnlyList<TimeSpan> DefaultTimeouts { get; } =
    [
        TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4),
        TimeSpan.FromSeconds(8),
        TimeSpan.FromSeconds(16),
        TimeSpan.FromSeconds(32),
        TimeSpan.FromSeconds(64),
    ];

    /// <summary>
    /// The delay before and the timeout of attempt <paramref name="attempt"/> (0-based). Attempt 0 goes
    /// out at once; attempt <c>c &gt; 0</c> waits <c>entry/2 + random(entry/2)</c> (milliseconds).
    /// Returns false when the retries are exhausted.
    /// </summary>
    public static bool TryGetAttempt(IReadOnlyList<TimeSpan> timeouts, int attempt, Random random, out TimeSpan delay, out TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(timeouts);
        ArgumentNullException.ThrowIfNull(random);
        delay = TimeSpan.Zero;
        timeout = TimeSpan.Zero;
        if (attempt < 0 || attempt >= timeouts.Count)
        {
            return false;
        }

        timeout = timeouts[attempt];
        if (attempt > 0)
        {
            delay = GetJitteredDelay(timeout, random);
        }

        return true;
    }

    /// <summary><c>entry/2 + random(entry/2)</c> in whole milliseconds.</summary>
    public static TimeSpan GetJitteredDelay(TimeSpan entry, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        long half = (long)entry.TotalMilliseconds / 2;
        long jitter = half > 0 ? random.Next((int)Math.Min(half, int.MaxValue)) : 0;
        return TimeSpan.FromMilliseconds(half + jitter);
    }

    /// <summary>
    /// When to refresh a token that expires in <paramref name="expiresIn"/> (§7.7): more than 1 h →
    /// 10 min before; more than 4 min → 2 min before; more than 20 s → 10 s before; otherwise at expiry.
    /// </summary>
    public static TimeSpan GetRefreshDelay(TimeSpan expiresIn)
    {
        if (expiresIn > TimeSpan.FromHours(1))
        {
            return expiresIn - TimeSpan.FromMinutes(10);
        }

        if (expiresIn > TimeSpan.FromMinutes(4))
        {
            return expiresIn - TimeSpan.FromMinutes(2);
        }

        if (expiresIn > TimeSpan.FromSeconds(20))
        {
            return expiresIn - TimeSpan.FromSeconds(10);
        }

        return expiresIn < TimeSpan.Zero ? TimeSpan.Zero : expiresIn;
    }

    /// <summary>The wait before the next ping after a missed one: 4 s, or <c>timeout − 4 s</c> when the ping timeout is 5 s or more.</summary>
    public static TimeSpan GetPingDelayAfterMiss(TimeSpan pingTimeout) =>
        pingTimeout >= TimeSpan.FromSeconds(5) ? pingTimeout - TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(4);
}
