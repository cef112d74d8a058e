using Microsoft.Extensions.Logging;

namespace Dps.Testing;

/// <summary>One recorded log entry.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>
/// A logger (and provider) that records every entry, so a test can fail on Error logs:
/// <c>Assert.That(logger.Errors, Is.Empty)</c>.
/// </summary>
public sealed class RecordingLogger : ILogger, ILoggerProvider
{
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<LogEntry, bool> Match, int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly string _category;
    private readonly RecordingLogger? _root;

    /// <summary>Creates a root logger.</summary>
    public RecordingLogger(string category = "test")
    {
        _category = category;
    }

    private RecordingLogger(RecordingLogger root, string category)
    {
        _root = root;
        _category = category;
    }

    /// <summary>Lowest level recorded. Default Trace.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    /// <summary>A snapshot of all entries, in order.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            var root = _root ?? this;
            lock (root._entries)
            {
                return [.. root._entries];
            }
        }
    }

    /// <summary>Entries at Error or Critical.</summary>
    public IReadOnlyList<LogEntry> Errors => Entries.Where(e => e.Level >= LogLevel.Error).ToList();

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= (_root ?? this).MinimumLevel && logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var root = _root ?? this;
        var entry = new LogEntry(_category, logLevel, eventId, formatter(state, exception), exception);
        List<TaskCompletionSource> done = [];
        lock (root._entries)
        {
            root._entries.Add(entry);
            for (int i = root._waiters.Count - 1; i >= 0; i--)
            {
                var waiter = root._waiters[i];
                if (root._entries.Count(waiter.Match) >= waiter.Count)
                {
                    done.Add(waiter.Done);
                    root._waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Completes when <paramref name="count"/> entries (recorded so far or later) match <paramref name="match"/>.</summary>
    public Task WaitForAsync(Func<LogEntry, bool> match, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        var root = _root ?? this;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (root._entries)
        {
            if (root._entries.Count(match) >= count)
            {
                return Task.CompletedTask;
            }

            root._waiters.Add((match, count, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Entries with this EventId.</summary>
    public IReadOnlyList<LogEntry> WithEventId(int eventId) => Entries.Where(e => e.EventId.Id == eventId).ToList();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
