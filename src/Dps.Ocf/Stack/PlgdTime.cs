using System.Globalization;
using Dps.Ocf.Stack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Ocf;

/// <summary>
/// plgd time: a <see cref="TimeProvider"/> decorator. Once set (from the DPS or the store) the
/// wall clock is <c>lastSyncedTime + (monotonic now − update time)</c>; before that it is the
/// inner provider's. Timestamps and timers are the inner provider's.
/// </summary>
public sealed class PlgdTime : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly IPlgdTimeStore _store;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSyncedTime;
    private long _updateTimestamp;
    private bool _active;
    private PlgdTimeStatus _status = PlgdTimeStatus.InSync;

    /// <summary>Creates plgd time over <paramref name="inner"/> (system clock when null).</summary>
    /// <param name="inner">The clock and timers underneath.</param>
    /// <param name="store">Where <c>lastSyncedTime</c> is kept; null: in memory.</param>
    /// <param name="logger">Logger; null for none.</param>
    public PlgdTime(TimeProvider? inner = null, IPlgdTimeStore? store = null, ILogger? logger = null)
    {
        _inner = inner ?? System;
        _store = store ?? new InMemoryPlgdTimeStore();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised (outside the lock) when the time or status changed.</summary>
    public event EventHandler? Changed;

    /// <summary>True once a time was set or loaded.</summary>
    public bool IsActive
    {
        get
        {
            lock (_lock)
            {
                return _active;
            }
        }
    }

    /// <summary>The status.</summary>
    public PlgdTimeStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>The last synchronised time, or null when inactive.</summary>
    public DateTimeOffset? LastSyncedTime
    {
        get
        {
            lock (_lock)
            {
                return _active ? _lastSyncedTime : null;
            }
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            if (!_active)
            {
                return _inner.GetUtcNow();
            }

            return _lastSyncedTime + _inner.GetElapsedTime(_updateTimestamp);
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => _inner.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Applies a time synchronised from the DPS: status <c>in-sync</c>, persisted, observers told.</summary>
    public void SetTime(DateTimeOffset lastSyncedTime)
    {
        lock (_lock)
        {
            _lastSyncedTime = lastSyncedTime.ToUniversalTime();
            _updateTimestamp = _inner.GetTimestamp();
            _active = true;
            _status = PlgdTimeStatus.InSync;
        }

        _store.Save(Format(lastSyncedTime));
        StackLog.PlgdTimeSet(_logger, lastSyncedTime, ToStatusString(PlgdTimeStatus.InSync));
        RaiseChanged();
    }

    /// <summary>Marks a synchronisation as under way (status <c>syncing</c>).</summary>
    public void BeginSync()
    {
        lock (_lock)
        {
            _status = PlgdTimeStatus.Syncing;
        }

        RaiseChanged();
    }

    /// <summary>Deactivates plgd time (the wall clock is the inner one again); the store keeps its value.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _active = false;
            _status = PlgdTimeStatus.InSync;
        }

        RaiseChanged();
    }

    /// <summary>
    /// Loads <c>lastSyncedTime</c> from the store, anchored at the current monotonic time: status
    /// <c>in-sync-from-storage</c>. False when the store holds nothing valid.
    /// </summary>
    public bool Load()
    {
        string? value = _store.Load();
        if (value is null)
        {
            return false;
        }

        if (!TryParse(value, out var time))
        {
            StackLog.PlgdTimeStoreInvalid(_logger, value);
            return false;
        }

        lock (_lock)
        {
            _lastSyncedTime = time;
            _updateTimestamp = _inner.GetTimestamp();
            _active = true;
            _status = PlgdTimeStatus.InSyncFromStorage;
        }

        RaiseChanged();
        return true;
    }

    /// <summary>RFC 3339 in UTC with up to 7 fraction digits, trailing zeros dropped (e.g. <c>2025-07-02T18:55:37.1234567Z</c>).</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses RFC 3339 (<c>Z</c> or a numeric offset; fractions beyond 100 ns are cut).</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || text.Length < 20 || text[10] is not ('T' or 't'))
        {
            return false;
        }

        string normalized = text;
        int dot = text.IndexOf('.', 19);
        if (dot == 19)
        {
            int end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end == dot + 1)
            {
                return false;
            }

            if (end - dot - 1 > 7)
            {
                normalized = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(
            normalized,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
    }

    /// <summary>The wire form of a status: <c>in-sync</c>, <c>in-sync-from-storage</c> or <c>syncing</c>.</summary>
    public static string ToStatusString(PlgdTimeStatus status) => status switch
    {
        PlgdTimeStatus.InSyncFromStorage => "in-sync-from-storage",
        PlgdTimeStatus.Syncing => "syncing",
        _ => "in-sync",
    };

    /// <summary>Parses the wire form of a status.</summary>
    public static bool TryParseStatus(string? text, out PlgdTimeStatus status)
    {
        switch (text)
        {
            case "in-sync":
                status = PlgdTimeStatus.InSync;
                return true;
            case "in-sync-from-storage":
                status = PlgdTimeStatus.InSyncFromStorage;
                return true;
            case "syncing":
                status = PlgdTimeStatus.Syncing;
                return true;
            default:
                status = default;
                return false;
        }
    }

    private void RaiseChanged()
    {
        try
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception ex)
        {
            StackLog.EventHandlerFailed(_logger, nameof(Changed), ex);
        }
    }
}
