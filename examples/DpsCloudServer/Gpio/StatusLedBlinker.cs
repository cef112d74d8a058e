namespace DpsCloudServer.Gpio;

/// <summary>
/// Drives an <see cref="IStatusLed"/> with a <see cref="LedPattern"/>: steady off or on, or blinking
/// (each blink starts lit; <see cref="SlowHalfPeriod"/> or <see cref="FastHalfPeriod"/> on, then as
/// long off). Timed by a <see cref="TimeProvider"/>; thread-safe.
/// </summary>
internal sealed class StatusLedBlinker : IDisposable
{
    /// <summary>On and off time of <see cref="LedPattern.SlowBlink"/> (1 Hz).</summary>
    public static readonly TimeSpan SlowHalfPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>On and off time of <see cref="LedPattern.FastBlink"/> (5 Hz).</summary>
    public static readonly TimeSpan FastHalfPeriod = TimeSpan.FromMilliseconds(100);

    private readonly IStatusLed _led;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long _generation;
    private bool _lit;
    private bool _disposed;

    /// <summary>Creates a blinker; the LED is turned off until <see cref="Show"/> is called.</summary>
    public StatusLedBlinker(IStatusLed led, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(led);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _led = led;
        _timeProvider = timeProvider;
        Write(false);
    }

    /// <summary>The pattern shown now.</summary>
    public LedPattern Pattern { get; private set; }

    /// <summary>Shows <paramref name="pattern"/>; showing the current pattern again changes nothing.</summary>
    public void Show(LedPattern pattern)
    {
        lock (_gate)
        {
            if (_disposed || pattern == Pattern)
            {
                return;
            }
            Pattern = pattern;
            _generation++;
            _timer?.Dispose();
            _timer = null;
            switch (pattern)
            {
                case LedPattern.SlowBlink:
                case LedPattern.FastBlink:
                    Write(true);
                    var half = pattern == LedPattern.SlowBlink ? SlowHalfPeriod : FastHalfPeriod;
                    var generation = _generation;
                    _timer = _timeProvider.CreateTimer(_ => Toggle(generation), null, half, half);
                    break;
                case LedPattern.On:
                    Write(true);
                    break;
                default:
                    Write(false);
                    break;
            }
        }
    }

    /// <summary>Stops blinking and turns the LED off.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            Write(false);
        }
    }

    private void Toggle(long generation)
    {
        lock (_gate)
        {
            // A tick of a timer that was replaced or disposed meanwhile.
            if (_disposed || generation != _generation)
            {
                return;
            }
            Write(!_lit);
        }
    }

    private void Write(bool on)
    {
        _lit = on;
        _led.Set(on);
    }
}
