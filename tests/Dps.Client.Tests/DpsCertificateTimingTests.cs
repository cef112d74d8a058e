namespace Dps.Client.Tests;

public class DpsCertificateTimingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Test]
    public void DefaultExpiringLimit_Is3600Seconds()
    {
        Assert.That(DpsCertificateTiming.DefaultExpiringLimit, Is.EqualTo(TimeSpan.FromSeconds(3600)));
    }

    [TestCase(-3600, 7200, 3600, DpsCertificateValidity.Valid)]
    [TestCase(60, 7200, 3600, DpsCertificateValidity.NotYetValid)]
    [TestCase(-7200, 1800, 3600, DpsCertificateValidity.Expiring)]
    [TestCase(-7200, -1, 3600, DpsCertificateValidity.Expired)]
    [TestCase(-7200, 0, 0, DpsCertificateValidity.Valid)]
    [TestCase(-7200, -1, 0, DpsCertificateValidity.Expired)]
    [TestCase(-7200, 3600, 3600, DpsCertificateValidity.Valid)]
    [TestCase(-7200, 3599, 3600, DpsCertificateValidity.Expiring)]
    [TestCase(0, 7200, 3600, DpsCertificateValidity.Valid)]
    public void Classify_ReturnsState(int notBeforeS, int notAfterS, int limitS, DpsCertificateValidity expected)
    {
        Assert.That(
            DpsCertificateTiming.Classify(Now.AddSeconds(notBeforeS), Now.AddSeconds(notAfterS), Now, TimeSpan.FromSeconds(limitS)),
            Is.EqualTo(expected));
    }

    [TestCase(0, 0)]
    [TestCase(-1, 0)]
    [TestCase(5, 0)]
    [TestCase(30, 10_000)]
    [TestCase(120, 60_000)]
    [TestCase(300, 120_000)]
    [TestCase(600, 400_000)]
    [TestCase(3600, 2_400_000)]
    public void GetRenewalDelay_Thresholds(int notAfterS, int expectedMs)
    {
        Assert.That(DpsCertificateTiming.GetRenewalDelay(Now.AddSeconds(notAfterS), Now, Limit),
            Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }

    [Test]
    public void GetRenewalDelay_Minimum_AtLeastRetryDelay()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsCertificateTiming.GetRenewalDelay(Now.AddSeconds(30), Now, Limit, TimeSpan.FromSeconds(15)),
                Is.EqualTo(TimeSpan.FromSeconds(15)));
            Assert.That(DpsCertificateTiming.GetRenewalDelay(Now.AddSeconds(3600), Now, Limit, TimeSpan.FromSeconds(15)),
                Is.EqualTo(TimeSpan.FromSeconds(2400)));
            Assert.That(DpsCertificateTiming.GetRenewalDelay(Now, Now, Limit, TimeSpan.FromSeconds(15)),
                Is.EqualTo(TimeSpan.FromSeconds(15)));
        });
    }

    [Test]
    public void GetRenewalDelay_ValidLongLived_PositiveAndBelowRemaining()
    {
        var delay = DpsCertificateTiming.GetRenewalDelay(Now.AddDays(365), Now, DpsCertificateTiming.DefaultExpiringLimit);
        Assert.That(delay, Is.GreaterThan(TimeSpan.Zero).And.LessThan(TimeSpan.FromDays(365)));
    }
}
