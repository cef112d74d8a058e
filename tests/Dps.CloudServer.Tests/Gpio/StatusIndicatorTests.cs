using Dps.Client;
using Dps.Ocf.Cloud;
using DpsCloudServer.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Dps.CloudServer.Tests.Gpio;

public class StatusIndicatorTests
{
    private const DpsStatus Provisioned = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;

    private FakeTimeProvider _time = null!;
    private StatusLedBlinker _blinker = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        _blinker = new StatusLedBlinker(new RecordingLed(_time), _time);
    }

    [TearDown]
    public void TearDown() => _blinker.Dispose();

    [Test]
    public void Constructor_WaitingForReset_Off()
    {
        _ = new StatusIndicator(_blinker, waitingForReset: true);

        Assert.That(_blinker.Pattern, Is.EqualTo(LedPattern.Off));
    }

    [Test]
    public void Constructor_Provisioning_SlowBlink()
    {
        _ = new StatusIndicator(_blinker, waitingForReset: false);

        Assert.That(_blinker.Pattern, Is.EqualTo(LedPattern.SlowBlink));
    }

    [Test]
    public void Notifications_FailureThenLoggedIn_FastThenOn()
    {
        var indicator = new StatusIndicator(_blinker, waitingForReset: false);
        var seen = new List<LedPattern>();

        indicator.OnDpsStatus(DpsStatus.Initialized | DpsStatus.GetTime | DpsStatus.Failure);
        seen.Add(_blinker.Pattern);
        indicator.OnDpsStatus(DpsStatus.Initialized | DpsStatus.GetTime);
        seen.Add(_blinker.Pattern);
        indicator.OnDpsStatus(Provisioned);
        indicator.OnCloudStatus(CloudStatus.Registered);
        seen.Add(_blinker.Pattern);
        indicator.OnCloudStatus(CloudStatus.Registered | CloudStatus.LoggedIn);
        seen.Add(_blinker.Pattern);

        Assert.That(seen, Is.EqualTo(new[] { LedPattern.FastBlink, LedPattern.SlowBlink, LedPattern.SlowBlink, LedPattern.On }));
    }

    [Test]
    public void OnReset_AfterLoggedIn_SlowBlinkAgain()
    {
        var indicator = new StatusIndicator(_blinker, waitingForReset: true);
        indicator.OnDpsStatus(Provisioned);
        indicator.OnCloudStatus(CloudStatus.Registered | CloudStatus.LoggedIn);

        indicator.OnReset();

        Assert.That(_blinker.Pattern, Is.EqualTo(LedPattern.SlowBlink));
    }
}
