namespace Dps.Client.Tests;

public class DpsRetryPolicyTests
{
    [Test]
    public void TryGetSchedule_EachAttempt_TimeoutIsValueAndDelayInUpperHalf()
    {
        var random = new Random(7);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var seconds = DpsRetryConfiguration.Default.Seconds[attempt];
            Assert.That(DpsRetryPolicy.TryGetSchedule(DpsRetryConfiguration.Default, attempt, random, out var schedule), Is.True);
            Assert.Multiple(() =>
            {
                Assert.That(schedule.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
                Assert.That(schedule.FailureDelay.TotalMilliseconds, Is.InRange(seconds * 500, (seconds * 1000) - 1));
            });
        }
    }

    [Test]
    public void TryGetSchedule_SeededRandom_DelayIsHalfPlusJitter()
    {
        var expectedJitter = new Random(42).Next(5000);
        DpsRetryPolicy.TryGetSchedule(DpsRetryConfiguration.Default, 0, new Random(42), out var schedule);
        Assert.That(schedule.FailureDelay, Is.EqualTo(TimeSpan.FromMilliseconds(5000 + expectedJitter)));
    }

    [TestCase(5)]
    [TestCase(6)]
    [TestCase(-1)]
    public void TryGetSchedule_CounterAtOrPastSize_ReturnsFalse(int counter)
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsRetryPolicy.TryGetSchedule(DpsRetryConfiguration.Default, counter, new Random(1), out var schedule), Is.False);
            Assert.That(schedule, Is.EqualTo(default(DpsRetrySchedule)));
        });
    }

    [Test]
    public void GetRequestTimeout_Zero_FallsBackToTwoSeconds()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsRetryPolicy.GetRequestTimeout(default), Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(DpsRetryPolicy.GetRequestTimeout(new DpsRetrySchedule(TimeSpan.FromSeconds(7), TimeSpan.Zero)),
                Is.EqualTo(TimeSpan.FromSeconds(7)));
        });
    }

    [Test]
    public void GetFailureDelay_Zero_FallsBackToOneToTwoSeconds()
    {
        var random = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            Assert.That(DpsRetryPolicy.GetFailureDelay(default, random).TotalMilliseconds, Is.InRange(1000, 1999));
        }
        Assert.That(DpsRetryPolicy.GetFailureDelay(new DpsRetrySchedule(TimeSpan.Zero, TimeSpan.FromMilliseconds(1234)), random),
            Is.EqualTo(TimeSpan.FromMilliseconds(1234)));
    }
}
