namespace Dps.Client.Steps;

/// <summary>
/// The retry counter of a DPS context and the schedule of the current attempt (PROTOCOL.md §3.1, §3.4).
/// Owned by the context's executor; not thread-safe. Randomness comes from the injected <see cref="Random"/>.
/// </summary>
internal sealed class DpsRetryState
{
    private readonly Random _random;

    public DpsRetryState(DpsRetryConfiguration configuration, Random random, DpsScheduleAction? scheduleAction = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(random);
        Configuration = configuration;
        _random = random;
        ScheduleAction = scheduleAction;
    }

    /// <summary>The configuration of the default scheduler.</summary>
    public DpsRetryConfiguration Configuration { get; set; }

    /// <summary>The custom scheduler, or <see langword="null"/> for the default one.</summary>
    public DpsScheduleAction? ScheduleAction { get; set; }

    /// <summary>The retry counter: 0 for the first attempt of an action.</summary>
    public int Count { get; private set; }

    /// <summary>The schedule as written by the scheduler (zero parts mean "fallback").</summary>
    public DpsRetrySchedule Schedule { get; private set; }

    /// <summary>The request timeout of the current attempt (2 s when none was scheduled).</summary>
    public TimeSpan RequestTimeout => DpsRetryPolicy.GetRequestTimeout(Schedule);

    /// <summary>The wait after the current attempt fails (1000–1999 ms, drawn now, when none was scheduled).</summary>
    public TimeSpan GetFailureDelay() => DpsRetryPolicy.GetFailureDelay(Schedule, _random);

    /// <summary>Resets the counter to 0 and schedules the first attempt of <paramref name="action"/>.</summary>
    public void Reset(DpsStatus action)
    {
        Count = 0;
        Schedule = TrySchedule(action, 0, out var schedule, out _) ? schedule : default;
    }

    /// <summary>
    /// Advances the counter before a retry of <paramref name="action"/>. When the scheduler declines,
    /// the counter is reset (see <see cref="Reset"/>).
    /// </summary>
    /// <returns><see langword="true"/> when the default scheduler ran out of attempts and the caller must
    /// select the next DPS endpoint.</returns>
    public bool Increment(DpsStatus action)
    {
        Count++;
        if (TrySchedule(action, Count, out var schedule, out var selectNextEndpoint))
        {
            Schedule = schedule;
            return false;
        }
        Reset(action);
        return selectNextEndpoint;
    }

    private bool TrySchedule(DpsStatus action, int count, out DpsRetrySchedule schedule, out bool selectNextEndpoint)
    {
        if (ScheduleAction is { } custom)
        {
            selectNextEndpoint = false;
            return custom(action, count, out schedule);
        }
        var scheduled = DpsRetryPolicy.TryGetSchedule(Configuration, count, _random, out schedule);
        selectNextEndpoint = !scheduled;
        return scheduled;
    }
}
