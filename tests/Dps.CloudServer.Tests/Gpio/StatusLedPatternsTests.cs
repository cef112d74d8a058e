using Dps.Client;
using Dps.Ocf.Cloud;
using DpsCloudServer.Gpio;

namespace Dps.CloudServer.Tests.Gpio;

public class StatusLedPatternsTests
{
    private const DpsStatus Provisioned = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;

    [TestCase(DpsStatus.Uninitialized, CloudStatus.Initialized, "SlowBlink")]
    [TestCase(DpsStatus.Initialized | DpsStatus.GetTime, CloudStatus.Initialized, "SlowBlink")]
    [TestCase(DpsStatus.Initialized | DpsStatus.HasTime | DpsStatus.GetOwner | DpsStatus.Failure, CloudStatus.Initialized, "FastBlink")]
    [TestCase(DpsStatus.Initialized | DpsStatus.GetTime | DpsStatus.TransientFailure, CloudStatus.Initialized, "FastBlink")]
    [TestCase(Provisioned, CloudStatus.Initialized, "SlowBlink")]
    [TestCase(Provisioned, CloudStatus.Registered, "SlowBlink")]
    [TestCase(Provisioned, CloudStatus.Registered | CloudStatus.LoggedIn, "On")]
    [TestCase(Provisioned, CloudStatus.Registered | CloudStatus.LoggedIn | CloudStatus.TokenExpiry, "On")]
    [TestCase(Provisioned, CloudStatus.Registered | CloudStatus.Failure, "FastBlink")]
    [TestCase(Provisioned, CloudStatus.Registered | CloudStatus.LoggedOut, "SlowBlink")]
    [TestCase(DpsStatus.Uninitialized, CloudStatus.Registered | CloudStatus.LoggedIn, "SlowBlink")]
    public void Select_Status_Pattern(DpsStatus dps, CloudStatus cloud, string expected)
    {
        Assert.That(StatusLedPatterns.Select(dps, cloud).ToString(), Is.EqualTo(expected));
    }
}
