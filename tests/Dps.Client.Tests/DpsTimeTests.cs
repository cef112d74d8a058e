namespace Dps.Client.Tests;

public class DpsTimeTests
{
    private static readonly DateTimeOffset System = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void GetEffectiveTime_NoPlgdTime_System()
    {
        Assert.That(DpsTime.GetEffectiveTime(System, null), Is.EqualTo(System));
    }

    [Test]
    public void GetEffectiveTime_SystemAhead_System()
    {
        Assert.That(DpsTime.GetEffectiveTime(System, System.AddDays(-30)), Is.EqualTo(System));
    }

    [Test]
    public void GetEffectiveTime_PlgdAheadAtMostOneHour_System()
    {
        Assert.That(DpsTime.GetEffectiveTime(System, System.AddHours(1)), Is.EqualTo(System));
    }

    [Test]
    public void GetEffectiveTime_PlgdAheadMoreThanOneHour_Plgd()
    {
        var plgd = System.AddHours(1).AddSeconds(1);
        Assert.That(DpsTime.GetEffectiveTime(System, plgd), Is.EqualTo(plgd));
    }
}
