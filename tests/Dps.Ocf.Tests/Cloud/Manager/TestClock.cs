using Microsoft.Extensions.Time.Testing;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also knows which timers are pending, so a test can advance
/// exactly when the code under test waits for a given moment (no polling, no sleeping).
/// </summary>
internal sealed class TestClock : TimeProvider
{
    private readonly FakeTimeProvider _fake;
    private readonly Lock _lock = new();
    private readonly List<TrackedTimer> _timers = [];
    private readonly List<(DateTimeOffset Due, TaskCompletionSource Signal)> _waiters = [];

    public TestClock(DateTimeOffset start)
    {
        _fake = new FakeTimeProvider(start);
        Start = start;
    }

    public DateTimeOffset Start { get; }

    /// <summary>Fake time since the start.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        lock (_lock)
        {
            tracked.Due = dueTime == Timeout.InfiniteTimeSpan ? null : GetUtcNow() + dueTime;
            _timers.Add(tracked);
        }

        tracked.Inner = _fake.CreateTimer(callback, state, dueTime, period);
        SignalWaiters();
        return tracked;
    }

    /// <summary>Completes once a live timer is due exactly at <paramref name="elapsed"/> after the start.</summary>
    public Task WaitForTimerAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var due = Start + elapsed;
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (HasTimerLocked(due))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((due, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Waits for the code under test to wait for <paramref name="elapsed"/>, then moves the clock there.</summary>
    public async Task AdvanceToAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        await WaitForTimerAsync(elapsed, cancellationToken);
        var step = Start + elapsed - GetUtcNow();
        if (step > TimeSpan.Zero)
        {
            _fake.Advance(step);
        }
    }

    public void Advance(TimeSpan step) => _fake.Advance(step);

    private bool HasTimerLocked(DateTimeOffset due)
    {
        foreach (var timer in _timers)
        {
            if (!timer.Disposed && timer.Due == due)
            {
                return true;
            }
        }

        return false;
    }

    private void SignalWaiters()
    {
        List<TaskCompletionSource> ready = [];
        lock (_lock)
        {
            _timers.RemoveAll(t => t.Disposed);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (HasTimerLocked(_waiters[i].Due))
                {
                    ready.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in ready)
        {
            signal.TrySetResult();
        }
    }

    private sealed class TrackedTimer(TestClock clock) : ITimer
    {
        public ITimer? Inner { get; set; }

        public DateTimeOffset? Due { get; set; }

        public bool Disposed { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            }

            bool changed = Inner!.Change(dueTime, period);
            clock.SignalWaiters();
            return changed;
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                Disposed = true;
            }

            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
