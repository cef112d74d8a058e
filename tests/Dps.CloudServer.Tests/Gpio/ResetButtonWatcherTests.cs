using DpsCloudServer.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Dps.CloudServer.Tests.Gpio;

public class ResetButtonWatcherTests
{
    private FakeTimeProvider _time = null!;
    private FakeResetButton _button = null!;
    private ResetButtonWatcher _watcher = null!;
    private int _resets;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        _button = new FakeResetButton();
        _watcher = new ResetButtonWatcher(_button, _time);
        _resets = 0;
        _watcher.HoldCompleted += (_, _) => _resets++;
        _watcher.Start();
    }

    [TearDown]
    public void TearDown() => _watcher.Dispose();

    // Presses the button and advances to the first poll that sees it.
    private void Press()
    {
        _button.IsPressed = true;
        _time.Advance(ResetButtonWatcher.PollInterval);
    }

    [Test]
    public void HoldTime_Default_ThreeSeconds()
    {
        Assert.That(_watcher.HoldTime, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Poll_HeldJustUnderThreeSeconds_NoReset()
    {
        Press();

        _time.Advance(TimeSpan.FromSeconds(3) - ResetButtonWatcher.PollInterval);

        Assert.That(_resets, Is.Zero);
    }

    [Test]
    public void Poll_HeldThreeSeconds_OneReset()
    {
        Press();

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(_resets, Is.EqualTo(1));
    }

    [Test]
    public void Poll_HeldTenSeconds_StillOneReset()
    {
        Press();

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(_resets, Is.EqualTo(1));
    }

    [Test]
    public void Poll_ReleasedAfterTwoSecondsThenHeldAgain_CountsFromTheSecondPress()
    {
        Press();
        _time.Advance(TimeSpan.FromSeconds(2));
        _button.IsPressed = false;
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Press();

        _time.Advance(TimeSpan.FromSeconds(2.5));
        var afterTwoAndAHalf = _resets;
        _time.Advance(TimeSpan.FromSeconds(0.5));

        Assert.Multiple(() =>
        {
            Assert.That(afterTwoAndAHalf, Is.Zero);
            Assert.That(_resets, Is.EqualTo(1));
        });
    }

    [Test]
    public void Poll_TwoHoldsWithReleaseBetween_TwoResets()
    {
        Press();
        _time.Advance(TimeSpan.FromSeconds(3));
        _button.IsPressed = false;
        _time.Advance(TimeSpan.FromSeconds(1));
        Press();

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(_resets, Is.EqualTo(2));
    }

    [Test]
    public void Dispose_WhileHeld_NoReset()
    {
        Press();

        _watcher.Dispose();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(_resets, Is.Zero);
    }
}
