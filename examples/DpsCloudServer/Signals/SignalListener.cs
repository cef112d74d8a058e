using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DpsCloudServer.Signals;

/// <summary>
/// The signals of <c>dps_cloud_server</c> (PROTOCOL.md §6): SIGHUP asks for a factory reset
/// (<see cref="ResetRequested"/>, every time; the process is not terminated), SIGINT/SIGTERM ask to
/// stop (<see cref="StopRequested"/>, once; a second one terminates the process the default way).
/// SIGPIPE is already ignored by the .NET runtime.
/// </summary>
internal sealed class SignalListener : IDisposable
{
    private readonly List<IDisposable> _registrations = [];
    private readonly TaskCompletionSource _firstReset = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopSource = new();
    private readonly ILogger _logger;
    private int _stopCount;
    private bool _disposed;

    /// <summary>Registers the handlers with <paramref name="source"/>.</summary>
    public SignalListener(IPosixSignalSource source, ILogger<SignalListener>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        StopToken = _stopSource.Token;
        _registrations.Add(source.Register(PosixSignal.SIGHUP, OnHangup));
        _registrations.Add(source.Register(PosixSignal.SIGINT, OnStop));
        _registrations.Add(source.Register(PosixSignal.SIGTERM, OnStop));
    }

    /// <summary>Raised on every SIGHUP: the device should do a factory reset (and provision again).</summary>
    public event EventHandler? ResetRequested;

    /// <summary>Raised on the first SIGINT or SIGTERM: the program should shut down.</summary>
    public event EventHandler? StopRequested;

    /// <summary>
    /// Completes on the first SIGHUP: the <c>--wait-for-reset</c> gate. Until then the factory-presets
    /// callback must not provision.
    /// </summary>
    public Task FirstReset => _firstReset.Task;

    /// <summary>True once a SIGHUP arrived (the wait-for-reset flag is cleared).</summary>
    public bool ResetReceived => _firstReset.Task.IsCompleted;

    /// <summary>Completes on the first SIGINT or SIGTERM.</summary>
    public Task Stopped => _stop.Task;

    /// <summary>Cancelled on the first SIGINT or SIGTERM; hand it to the device runtime.</summary>
    public CancellationToken StopToken { get; }

    /// <summary>Waits for the first SIGHUP (<c>--wait-for-reset</c>).</summary>
    public Task WaitForResetAsync(CancellationToken cancellationToken = default) =>
        _firstReset.Task.WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _stopSource.Dispose();
    }

    /// <summary>
    /// Does what SIGHUP does (for the reset button): clears the wait-for-reset gate and raises
    /// <see cref="ResetRequested"/>.
    /// </summary>
    /// <param name="source">What asked, for the log (e.g. <c>reset button</c>).</param>
    public void RequestReset(string source)
    {
        if (_disposed)
        {
            return;
        }
        _logger.LogInformation("{Source}: factory reset requested", source);
        _firstReset.TrySetResult();
        Raise(ResetRequested, nameof(ResetRequested));
    }

    private void OnHangup(PosixSignalContext context)
    {
        // SIGHUP would terminate the process; here it means "factory reset".
        context.Cancel = true;
        RequestReset("SIGHUP");
    }

    private void OnStop(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _stopCount) > 1)
        {
            // A second SIGINT/SIGTERM while shutting down: let the default action end the process.
            return;
        }
        context.Cancel = true;
        _logger.LogInformation("{Signal}: stop requested", context.Signal);
        _stop.TrySetResult();
        try
        {
            _stopSource.Cancel();
        }
        catch (AggregateException ex)
        {
            _logger.LogError(ex, "A stop callback failed");
        }
        Raise(StopRequested, nameof(StopRequested));
    }

#pragma warning disable CA1031 // A throwing handler must not break signal handling; it is logged.
    private void Raise(EventHandler? handler, string name)
    {
        if (handler is null)
        {
            return;
        }
        try
        {
            handler(this, EventArgs.Empty);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A {Event} handler failed", name);
        }
    }
#pragma warning restore CA1031
}
