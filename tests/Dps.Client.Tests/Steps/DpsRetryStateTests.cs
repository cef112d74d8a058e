using Dps.Client.Steps;

namespace Dps.Client.Tests.Steps;

public class DpsRetryStateTests
{
    [Test]
    public void Increment_ThroughDefaultConfiguration_WrapsToZeroAndAsksForNextEndpoint()
    {
        var retry = new DpsRetryState(DpsRetryConfiguration.Default, new Random(1));
        retry.Reset(DpsStatus.GetTime);
        var timeouts = new List<double> { retry.RequestTimeout.TotalSeconds };
        var switches = new List<bool>();
        for (var i = 0; i < 6; i++)
        {
            switches.Add(retry.Increment(DpsStatus.GetTime));
            timeouts.Add(retry.RequestTimeout.TotalSeconds);
        }
        Assert.Multiple(() =>
        {
            Assert.That(timeouts, Is.EqualTo(new double[] { 10, 20, 40, 80, 120, 10, 20 }));
            Assert.That(switches, Is.EqualTo(new[] { false, false, false, false, true, false }));
            Assert.That(retry.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Reset_SetsCounterZeroAndFirstTimeout()
    {
        var retry = new DpsRetryState(new DpsRetryConfiguration(3, 4), new Random(1));
        retry.Increment(DpsStatus.GetOwner);
        retry.Reset(DpsStatus.GetOwner);
        Assert.Multiple(() =>
        {
            Assert.That(retry.Count, Is.Zero);
            Assert.That(retry.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(retry.GetFailureDelay().TotalMilliseconds, Is.InRange(1500, 2999));
        });
    }

    [Test]
    public void Increment_CustomSchedulerDeclines_ResetsAndAsksAgainWithZero()
    {
        var calls = new List<(DpsStatus Action, int Count)>();
        bool Scheduler(DpsStatus action, int count, out DpsRetrySchedule schedule)
        {
            calls.Add((action, count));
            schedule = new DpsRetrySchedule(TimeSpan.FromSeconds(count + 1), TimeSpan.FromMilliseconds(100));
            return count < 1;
        }
        var retry = new DpsRetryState(DpsRetryConfiguration.Default, new Random(1), Scheduler);
        retry.Reset(DpsStatus.GetCloud);
        var selectNext = retry.Increment(DpsStatus.GetCloud);
        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(new[] { (DpsStatus.GetCloud, 0), (DpsStatus.GetCloud, 1), (DpsStatus.GetCloud, 0) }));
            Assert.That(retry.Count, Is.Zero);
            Assert.That(retry.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(selectNext, Is.False, "with a custom scheduler rotation is the scheduler's job");
        });
    }

    [Test]
    public void Increment_CustomSchedulerAlwaysDeclines_UsesDefaults()
    {
        static bool Never(DpsStatus action, int count, out DpsRetrySchedule schedule)
        {
            schedule = new DpsRetrySchedule(TimeSpan.FromSeconds(99), TimeSpan.FromSeconds(99));
            return false;
        }
        var retry = new DpsRetryState(DpsRetryConfiguration.Default, new Random(1), Never);
        retry.Increment(DpsStatus.GetAcls);
        Assert.Multiple(() =>
        {
            Assert.That(retry.Count, Is.Zero);
            Assert.That(retry.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(retry.GetFailureDelay().TotalMilliseconds, Is.InRange(1000, 1999));
        });
    }

    [Test]
    public void Schedule_CustomSchedulerWritesZeros_FallsBack()
    {
        static bool Zeros(DpsStatus action, int count, out DpsRetrySchedule schedule)
        {
            schedule = default;
            return true;
        }
        var retry = new DpsRetryState(DpsRetryConfiguration.Default, new Random(1), Zeros);
        retry.Reset(DpsStatus.GetTime);
        Assert.That(retry.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }
}
