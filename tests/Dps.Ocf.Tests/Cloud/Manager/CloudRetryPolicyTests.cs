using Dps.Ocf.Cloud;

namespace Dps.Ocf.Tests.Cloud.Manager;

public sealed class CloudRetryPolicyTests
{
    [Test]
    public void TryGetAttempt_FirstAttempt_GoesOutAtOnceWithTwoSecondTimeout()
    {
        var random = new FixedRandom(0.99);

        bool scheduled = CloudRetryPolicy.TryGetAttempt(CloudRetryPolicy.DefaultTimeouts, 0, random, out var delay, out var timeout);

        Assert.Multiple(() =>
        {
            Assert.That(scheduled, Is.True);
            Assert.That(delay, Is.EqualTo(TimeSpan.Zero));
            Assert.That(timeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(random.Ranges, Is.Empty);
        });
    }

    [TestCase(1, 4)]
    [TestCase(2, 8)]
    [TestCase(3, 16)]
    [TestCase(4, 32)]
    [TestCase(5, 64)]
    public void TryGetAttempt_Retry_DelayBetweenHalfAndWholeEntry(int attempt, int entrySeconds)
    {
        var random = new Random(7);
        var entry = TimeSpan.FromSeconds(entrySeconds);
        for (int i = 0; i < 200; i++)
        {
            CloudRetryPolicy.TryGetAttempt(CloudRetryPolicy.DefaultTimeouts, attempt, random, out var delay, out var timeout);
            Assert.That(timeout, Is.EqualTo(entry));
            Assert.That(delay, Is.GreaterThanOrEqualTo(entry / 2).And.LessThan(entry));
        }
    }

    [Test]
    public void TryGetAttempt_Retry_JitterIsRandomOfHalfEntryInMilliseconds()
    {
        var random = new FixedRandom(0.5);

        CloudRetryPolicy.TryGetAttempt(CloudRetryPolicy.DefaultTimeouts, 2, random, out var delay, out _);

        Assert.Multiple(() =>
        {
            Assert.That(random.Ranges, Is.EqualTo(new[] { 4000 }));
            Assert.That(delay, Is.EqualTo(TimeSpan.FromMilliseconds(4000 + 2000)));
        });
    }

    [TestCase(-1)]
    [TestCase(6)]
    [TestCase(7)]
    public void TryGetAttempt_OutsideTable_Exhausted(int attempt)
    {
        Assert.That(CloudRetryPolicy.TryGetAttempt(CloudRetryPolicy.DefaultTimeouts, attempt, new Random(1), out _, out _), Is.False);
    }

    [TestCase(7200, 6600)]
    [TestCase(3601, 3001)]
    [TestCase(3600, 3480)]
    [TestCase(300, 180)]
    [TestCase(241, 121)]
    [TestCase(240, 230)]
    [TestCase(30, 20)]
    [TestCase(21, 11)]
    [TestCase(20, 20)]
    [TestCase(5, 5)]
    public void GetRefreshDelay_ExpiresIn_FiresAtProtocolTime(int expiresInSeconds, int expectedSeconds)
    {
        Assert.That(
            CloudRetryPolicy.GetRefreshDelay(TimeSpan.FromSeconds(expiresInSeconds)),
            Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [TestCase(4, 4)]
    [TestCase(2, 4)]
    [TestCase(5, 1)]
    [TestCase(10, 6)]
    public void GetPingDelayAfterMiss_PingTimeout_NextPingDelay(int timeoutSeconds, int expectedSeconds)
    {
        Assert.That(
            CloudRetryPolicy.GetPingDelayAfterMiss(TimeSpan.FromSeconds(timeoutSeconds)),
            Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [Test]
    public void CloudStatus_Values_MatchIotivity()
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)CloudStatus.Initialized, Is.Zero);
            Assert.That((int)CloudStatus.Registered, Is.EqualTo(1));
            Assert.That((int)CloudStatus.LoggedIn, Is.EqualTo(2));
            Assert.That((int)CloudStatus.TokenExpiry, Is.EqualTo(4));
            Assert.That((int)CloudStatus.RefreshedToken, Is.EqualTo(8));
            Assert.That((int)CloudStatus.LoggedOut, Is.EqualTo(16));
            Assert.That((int)CloudStatus.Failure, Is.EqualTo(32));
            Assert.That((int)CloudStatus.Deregistered, Is.EqualTo(64));
            Assert.That((CloudStatus.Registered | CloudStatus.LoggedIn | CloudStatus.Failure | CloudStatus.TokenExpiry).WithoutEvents(),
                Is.EqualTo(CloudStatus.Registered | CloudStatus.LoggedIn));
        });
    }

    [Test]
    public void Options_Invalid_ValidateThrows()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new CloudManagerOptions { RetryTimeouts = [] }.Validate(), Throws.InvalidOperationException);
            Assert.That(() => new CloudManagerOptions { KeepAliveMaxMisses = 0 }.Validate(), Throws.InvalidOperationException);
            Assert.That(() => new CloudManagerOptions { KeepAliveTimeout = TimeSpan.Zero }.Validate(), Throws.InvalidOperationException);
            Assert.That(() => new CloudManagerOptions().Validate(), Throws.Nothing);
        });
    }
}
