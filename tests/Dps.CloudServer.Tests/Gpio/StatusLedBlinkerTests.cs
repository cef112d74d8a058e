using DpsCloudServer.Gpio;
using Microsoft.Extensions.Time.Testing;

namespace Dps.CloudServer.Tests.Gpio;

public class StatusLedBlinkerTests
{
    private FakeTimeProvider _time = null!;
    private RecordingLed _led = null!;
    private StatusLedBlinker _blinker = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        _led = new RecordingLed(_time);
        _blinker = new StatusLedBlinker(_led, _time);
    }

    [TearDown]
    public void TearDown() => _blinker.Dispose();

    // FakeTimeProvider runs due timers at the end time of an Advance: step 10 ms at a time so each
    // write is recorded at (about) the moment it is due.
    private void Advance(TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(10);
        for (var done = TimeSpan.Zero; done < total; done += step)
        {
            _time.Advance(step);
        }
    }

    [Test]
    public void Constructor_TurnsLedOff()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_led.Writes, Is.EqualTo(new[] { (TimeSpan.Zero, false) }));
            Assert.That(_blinker.Pattern, Is.EqualTo(LedPattern.Off));
        });
    }

    [Test]
    public void Show_SlowBlink_OnThenToggledEvery500Milliseconds()
    {
        _blinker.Show(LedPattern.SlowBlink);

        Advance(TimeSpan.FromMilliseconds(2000));

        Assert.That(_led.Writes.Skip(1), Is.EqualTo(new[]
        {
            (TimeSpan.Zero, true),
            (TimeSpan.FromMilliseconds(500), false),
            (TimeSpan.FromMilliseconds(1000), true),
            (TimeSpan.FromMilliseconds(1500), false),
            (TimeSpan.FromMilliseconds(2000), true),
        }));
    }

    [Test]
    public void Show_FastBlink_ToggledEvery100Milliseconds()
    {
        _blinker.Show(LedPattern.FastBlink);

        Advance(TimeSpan.FromMilliseconds(1000));

        var writes = _led.Writes.Skip(1).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(writes.Select(w => w.At), Is.EqualTo(Enumerable.Range(0, 11).Select(i => TimeSpan.FromMilliseconds(100 * i))));
            Assert.That(writes.Select(w => w.On), Is.EqualTo(Enumerable.Range(0, 11).Select(i => i % 2 == 0)));
        });
    }

    [Test]
    public void Show_On_SteadyWithoutFurtherWrites()
    {
        _blinker.Show(LedPattern.On);

        Advance(TimeSpan.FromSeconds(10));

        Assert.That(_led.Writes.Skip(1), Is.EqualTo(new[] { (TimeSpan.Zero, true) }));
    }

    [Test]
    public void Show_OnAfterFastBlink_BlinkingStops()
    {
        _blinker.Show(LedPattern.FastBlink);
        Advance(TimeSpan.FromMilliseconds(150));

        _blinker.Show(LedPattern.On);
        var count = _led.Writes.Count;
        Advance(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(_led.Writes, Has.Count.EqualTo(count));
            Assert.That(_led.IsOn, Is.True);
        });
    }

    [Test]
    public void Show_OffWhileBlinking_DarkAndStopped()
    {
        _blinker.Show(LedPattern.SlowBlink);
        Advance(TimeSpan.FromMilliseconds(200));

        _blinker.Show(LedPattern.Off);
        Advance(TimeSpan.FromSeconds(5));

        Assert.That(_led.Writes[^1], Is.EqualTo((TimeSpan.FromMilliseconds(200), false)));
    }

    [Test]
    public void Show_SamePatternAgain_BlinkNotRestarted()
    {
        _blinker.Show(LedPattern.SlowBlink);
        Advance(TimeSpan.FromMilliseconds(300));

        _blinker.Show(LedPattern.SlowBlink);
        Advance(TimeSpan.FromMilliseconds(200));

        Assert.That(_led.Writes[^1], Is.EqualTo((TimeSpan.FromMilliseconds(500), false)));
    }

    [Test]
    public void Show_SlowToFast_FastTimingFromTheChange()
    {
        _blinker.Show(LedPattern.SlowBlink);
        Advance(TimeSpan.FromMilliseconds(700));

        _blinker.Show(LedPattern.FastBlink);
        Advance(TimeSpan.FromMilliseconds(200));

        Assert.That(_led.Writes.Where(w => w.At >= TimeSpan.FromMilliseconds(700)), Is.EqualTo(new[]
        {
            (TimeSpan.FromMilliseconds(700), true),
            (TimeSpan.FromMilliseconds(800), false),
            (TimeSpan.FromMilliseconds(900), true),
        }));
    }

    [Test]
    public void Dispose_WhileBlinking_DarkAndNoMoreWrites()
    {
        _blinker.Show(LedPattern.FastBlink);
        Advance(TimeSpan.FromMilliseconds(50));

        _blinker.Dispose();
        var count = _led.Writes.Count;
        Advance(TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(_led.IsOn, Is.False);
            Assert.That(_led.Writes, Has.Count.EqualTo(count));
        });
    }
}
