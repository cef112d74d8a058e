namespace Dps.Client;

/// <summary>
/// The default DPS retry policy as pure functions (PROTOCOL.md §3.1): the request timeout of attempt
/// <c>c</c> is <c>cfg[c]</c> seconds and the wait after it fails is
/// <c>cfg[c]·1000/2 + random(0 … cfg[c]·1000/2 − 1)</c> milliseconds.
/// </summary>
public static class DpsRetryPolicy
{
    /// <summary><c>DEFAULT_RESET_TIMEOUT</c>: the request timeout used when none was scheduled.</summary>
    public static TimeSpan FallbackRequestTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The default scheduler: the schedule of attempt <paramref name="retryCount"/>, or
    /// <see langword="false"/> when the counter reached the size of the configuration (the caller then
    /// selects the next endpoint and resets the counter).
    /// </summary>
    public static bool TryGetSchedule(
        DpsRetryConfiguration configuration, int retryCount, Random random, out DpsRetrySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(random);
        if (retryCount < 0 || retryCount >= configuration.Count)
        {
            schedule = default;
            return false;
        }
        var timeout = configuration[retryCount];
        var halfMs = (int)(timeout.TotalMilliseconds / 2);
        var delayMs = halfMs + random.Next(halfMs);
        schedule = new DpsRetrySchedule(timeout, TimeSpan.FromMilliseconds(delayMs));
        return true;
    }

    /// <summary>The request timeout to use: the scheduled one, or 2 s when none (zero) was scheduled.</summary>
    public static TimeSpan GetRequestTimeout(DpsRetrySchedule schedule) =>
        schedule.RequestTimeout > TimeSpan.Zero ? schedule.RequestTimeout : FallbackRequestTimeout;

    /// <summary>The wait after a failure: the scheduled one, or 1000–1999 ms when none (zero) was scheduled.</summary>
    public static TimeSpan GetFailureDelay(DpsRetrySchedule schedule, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return schedule.FailureDelay > TimeSpan.Zero
            ? schedule.FailureDelay
            : TimeSpan.FromMilliseconds(1000 + random.Next(1000));
    }
}
