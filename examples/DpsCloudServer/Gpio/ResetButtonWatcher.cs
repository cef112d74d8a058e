namespace DpsCloudServer.Gpio;

/// <summary>
/// Polls an <see cref="IResetButton"/> every <see cref="PollInterval"/> and raises
/// <see cref="HoldCompleted"/> once when it has been held for <see cref="HoldTime"/>; it must be
/// released before the next hold counts. Timed by a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ResetButtonWatcher : IDisposable
{
    /// <summary>How long the button is held for a factory reset.</summary>
    public static readonly TimeSpan DefaultHoldTime = TimeSpan.FromSeconds(3);

    /// <summary>How often the button is read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly IResetButton _button;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long? _pressedSince;
    private bool _fired;
    private bool _disposed;

    /// <summary>Creates a watcher; call <see cref="Start"/> to begin polling.</summary>
    public ResetButtonWatcher(IResetButton button, TimeProvider timeProvider, TimeSpan? holdTime = null)
    {
        ArgumentNullException.ThrowIfNull(button);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _button = button;
        _timeProvider = timeProvider;
        HoldTime = holdTime ?? DefaultHoldTime;
    }

    /// <summary>Raised (from the polling timer) when the button has been held for <see cref="HoldTime"/>.</summary>
    public event EventHandler? HoldCompleted;

    /// <summary>How long the button must be held.</summary>
    public TimeSpan HoldTime { get; }

    /// <summary>Starts polling.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _timer ??= _timeProvider.CreateTimer(static state => ((ResetButtonWatcher)state!).Poll(), this, PollInterval, PollInterval);
        }
    }

    /// <summary>Reads the button once (the timer calls this).</summary>
    public void Poll()
    {
        var completed = false;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            var now = _timeProvider.GetTimestamp();
            if (!_button.IsPressed)
            {
                _pressedSince = null;
                _fired = false;
                return;
            }
            _pressedSince ??= now;
            if (!_fired && _timeProvider.GetElapsedTime(_pressedSince.Value, now) >= HoldTime)
            {
                _fired = true;
                completed = true;
            }
        }
        if (completed)
        {
            HoldCompleted?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
