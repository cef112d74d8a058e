using Microsoft.Extensions.Time.Testing;

namespace Dps.IntegrationTests.Soak;

/// <summary>A <see cref="FakeTimeProvider"/> that counts the timer callbacks it has run, so a driver knows when work started.</summary>
internal sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private long _fired;

    /// <summary>Timer callbacks run so far.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return base.CreateTimer(s =>
        {
            Interlocked.Increment(ref _fired);
            callback(s);
        }, state, dueTime, period);
    }
}
