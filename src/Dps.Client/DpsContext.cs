using System.Security.Cryptography.X509Certificates;
using Dps.Client.Steps;
using Dps.Coap;
using Dps.Ocf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Client;

/// <summary>
/// The DPS client of one device: provisions it against a plgd DPS (time → owner → cloud →
/// credentials → ACLs, PROTOCOL.md §2) with retries, failover and redirect (§3), then starts the
/// cloud manager. All its work runs on the device's serialized executor (<see cref="IDpsDevice.Post"/>),
/// so every change DPS makes to the device (security resources, cloud configuration, stores) is
/// serialized with the device's request handling; network I/O runs off it. Public members are
/// thread-safe and <see cref="StatusChanged"/> is raised from that executor outside any lock.
/// </summary>
public sealed partial class DpsContext : IAsyncDisposable, IDisposable
{
    private readonly IDpsDevice _device;
    private readonly IDpsCloudManager _cloud;
    private readonly IDpsTimeSink _time;
    private readonly DpsClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly TimeSpan _maxStartupDelay;
    private readonly IReadOnlyList<X509Certificate2>? _trustAnchors;
    private readonly DpsStoreData _store;
    private readonly DpsRetryState _retry;
    private readonly List<DpsStatusChangedEventArgs> _pendingEvents = [];
    private readonly string _storeName;

    // Executor-only state.
    private DpsStepState _state;
    private bool _started;
    private DpsCertificateFingerprint? _fingerprint;

    // Snapshots for readers on other threads.
    private uint _statusSnapshot;
    private int _lastErrorSnapshot;
    private int _startedSnapshot;
    private int _forcedSnapshot;
    private int _provisionedSinceResetSnapshot;
    private DpsEndpoint[] _endpointsSnapshot = [];
    private int _disposed;
    private int _closed;

    /// <summary>Creates the context of a device; it loads the DPS store and adds the configured endpoints when the store has none.</summary>
    /// <param name="device">The device to provision.</param>
    /// <param name="cloudManager">The device's cloud manager.</param>
    /// <param name="timeSink">Where plgd time goes.</param>
    /// <param name="options">The client options (copied and validated).</param>
    /// <param name="contextOptions">Clock, randomness, logging and start-up delay (copied); null for defaults.</param>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public DpsContext(
        IDpsDevice device,
        IDpsCloudManager cloudManager,
        IDpsTimeSink timeSink,
        DpsClientOptions options,
        DpsContextOptions? contextOptions = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(cloudManager);
        ArgumentNullException.ThrowIfNull(timeSink);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        var context = contextOptions?.Clone() ?? new DpsContextOptions();
        context.Validate();
        _device = device;
        _cloud = cloudManager;
        _time = timeSink;
        _timeProvider = context.TimeProvider;
        _random = context.Random ?? new Random();
        _logger = context.Logger ?? NullLogger.Instance;
        _maxStartupDelay = context.MaxStartupDelay;
        _trustAnchors = context.TrustAnchors is null ? null : [.. context.TrustAnchors];
        _fingerprint = _options.CertificateFingerprint;
        _retry = new DpsRetryState(_options.RetryConfiguration, _random, _options.ScheduleAction);
        _storeName = OcfStoreName.For(DpsStoreData.StoreName, device.Index);
        _store = LoadStore();
        if (_store.Endpoints.IsEmpty)
        {
            foreach (var endpoint in _options.Endpoints)
            {
                _store.Endpoints.Add(endpoint.Uri, endpoint.Name);
            }
        }
        UpdateSnapshots();
    }

    /// <summary>Raised on every change of <see cref="Status"/> or <see cref="LastError"/>, from the device's executor. A throwing handler is logged and ignored.</summary>
    public event EventHandler<DpsStatusChangedEventArgs>? StatusChanged;

    /// <summary>The device index.</summary>
    public int DeviceIndex => _device.Index;

    /// <summary>The provisioning status flags.</summary>
    public DpsStatus Status => (DpsStatus)Volatile.Read(ref _statusSnapshot);

    /// <summary>The last error (<c>lastErrorCode</c>).</summary>
    public DpsError LastError => (DpsError)Volatile.Read(ref _lastErrorSnapshot);

    /// <summary>The manager was started and not stopped.</summary>
    public bool IsStarted => Volatile.Read(ref _startedSnapshot) != 0;

    /// <summary>A full re-provisioning was requested and has not yet taken effect.</summary>
    public bool HasForcedReprovision => Volatile.Read(ref _forcedSnapshot) != 0;

    /// <summary>Provisioning completed at least once since the last factory reset (persisted).</summary>
    public bool HasBeenProvisionedSinceReset => Volatile.Read(ref _provisionedSinceResetSnapshot) != 0;

    /// <summary>The DPS endpoints in order (a snapshot); <see cref="SelectedEndpoint"/> is the one in use.</summary>
    public IReadOnlyList<DpsEndpoint> Endpoints => Volatile.Read(ref _endpointsSnapshot);

    /// <summary>The selected DPS endpoint, or null.</summary>
    public DpsEndpoint? SelectedEndpoint => _selectedSnapshot;

    private volatile DpsEndpoint? _selectedSnapshot;

    /// <summary>
    /// Starts provisioning (no-op when started): the status is computed from the stored state (§3.8),
    /// then the first missing step goes out at once (after the optional random start-up delay), or the
    /// cloud is started directly when everything is provisioned.
    /// </summary>
    public void Start() => Post(StartCoreAsync);

    /// <summary>Like <see cref="Start"/>, completing when the start has been processed.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => InvokeAsync(StartCoreAsync, cancellationToken);

    /// <summary>Stops provisioning: timers cancelled, the DPS connection closed. The cloud manager is left alone.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => InvokeAsync(() =>
    {
        StopCore();
        return ValueTask.CompletedTask;
    }, cancellationToken);

    /// <summary>Stops and starts again; the stored state decides where provisioning continues.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => InvokeAsync(async () =>
    {
        StopCore();
        await StartCoreAsync().ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>Requests full re-provisioning: every step runs again at the next start or retry.</summary>
    public void ForceReprovision()
    {
        Volatile.Write(ref _forcedSnapshot, 1);
        Post(() =>
        {
            SetState(_state with { ForceReprovision = true });
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// The device was factory reset (§4.2): provisioning stops, the DPS store is cleared (endpoints,
    /// owner, <see cref="HasBeenProvisionedSinceReset"/>) and saved, status and last error are 0, the
    /// pinned fingerprint is cleared.
    /// </summary>
    public Task OnFactoryResetAsync(CancellationToken cancellationToken = default) => InvokeAsync(FactoryResetCore, cancellationToken);

    /// <summary>Fire-and-forget form of <see cref="OnFactoryResetAsync"/> (for a factory-presets callback).</summary>
    public void OnFactoryReset() => Post(FactoryResetCore);

    private ValueTask FactoryResetCore()
    {
        Log.FactoryReset(_logger, _device.Index);
        StopCore();
        _store.Endpoints.Clear();
        _store.Owner = string.Empty;
        _store.HasBeenProvisionedSinceReset = false;
        SetFingerprintOnExecutor(null);
        SetState(default);
        SaveStore();
        return ValueTask.CompletedTask;
    }

    /// <summary>Adds a DPS endpoint (the first one becomes selected) and saves the store.</summary>
    /// <exception cref="ArgumentException">The URI is empty or too long.</exception>
    public Task AddEndpointAsync(string uri, string name = "", CancellationToken cancellationToken = default)
    {
        var endpoint = new DpsEndpoint(uri, name);
        return InvokeAsync(() =>
        {
            if (_store.Endpoints.Add(endpoint.Uri, endpoint.Name))
            {
                SaveStore();
            }
            return ValueTask.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Removes a DPS endpoint (the next one becomes selected when it was selected) and saves the store.</summary>
    public Task RemoveEndpointAsync(string uri, CancellationToken cancellationToken = default) => InvokeAsync(() =>
    {
        if (_store.Endpoints.Remove(uri))
        {
            SaveStore();
        }
        return ValueTask.CompletedTask;
    }, cancellationToken);

    /// <summary>Stops provisioning (on the device's executor) and accepts no more work.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            await InvokeAsync(() =>
            {
                StopCore();
                return ValueTask.CompletedTask;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The device's executor has already stopped.
        }
        Volatile.Write(ref _closed, 1);
    }

    /// <summary>Same as <see cref="DisposeAsync"/>, without waiting for the stop to run.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        Post(() =>
        {
            StopCore();
            return ValueTask.CompletedTask;
        });
        Volatile.Write(ref _closed, 1);
    }

    // Every work item of the context is one item of the device's executor; events are raised at its end.
    private bool Post(Func<ValueTask> work)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return false;
        }
        return _device.Post(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.WorkItemFailed(_logger, _device.Index, ex);
            }
            RaisePendingEvents();
        });
    }

    private Task InvokeAsync(Func<ValueTask> work, CancellationToken cancellationToken)
    {
        if (_device.IsOnExecutor)
        {
            // Already inside a work item of the device (a reset handler, an event handler): waiting
            // for a new item would deadlock, so the work runs inline.
            return RunInlineAsync(work);
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Post(async () =>
            {
                try
                {
                    await work().ConfigureAwait(false);
                    done.TrySetResult();
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            }))
        {
            return Task.FromException(new ObjectDisposedException(nameof(DpsContext)));
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunInlineAsync(Func<ValueTask> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            RaisePendingEvents();
        }
    }

    private void SetState(DpsStepState state)
    {
        var previous = _state;
        _state = state;
        if (previous.Status != state.Status || previous.LastError != state.LastError)
        {
            _pendingEvents.Add(new DpsStatusChangedEventArgs(previous.Status, state.Status, state.LastError));
            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.StatusChanged(_logger, _device.Index, state.Status.ToLogString(), state.LastError);
            }
        }
        UpdateSnapshots();
    }

    private void UpdateSnapshots()
    {
        Volatile.Write(ref _statusSnapshot, (uint)_state.Status);
        Volatile.Write(ref _lastErrorSnapshot, (int)_state.LastError);
        Volatile.Write(ref _startedSnapshot, _started ? 1 : 0);
        Volatile.Write(ref _forcedSnapshot, _state.ForceReprovision ? 1 : 0);
        Volatile.Write(ref _provisionedSinceResetSnapshot, _store.HasBeenProvisionedSinceReset ? 1 : 0);
        Volatile.Write(ref _endpointsSnapshot, [.. _store.Endpoints]);
        _selectedSnapshot = _store.Endpoints.Selected;
    }

    private void RaisePendingEvents()
    {
        if (_pendingEvents.Count == 0)
        {
            return;
        }
        var events = _pendingEvents.ToArray();
        _pendingEvents.Clear();
        if (StatusChanged is not { } handlers)
        {
            return;
        }
        foreach (var args in events)
        {
            foreach (var handler in handlers.GetInvocationList())
            {
                try
                {
                    ((EventHandler<DpsStatusChangedEventArgs>)handler)(this, args);
                }
                catch (Exception ex)
                {
                    // A throwing handler never breaks the step machine (nor the other handlers).
                    Log.StatusHandlerFailed(_logger, _device.Index, ex);
                }
            }
        }
    }

    private DpsStoreData LoadStore()
    {
        byte[]? data;
        try
        {
            data = _device.Store.Load(_storeName);
        }
        catch (IOException ex)
        {
            Log.StoreLoadFailed(_logger, _device.Index, ex);
            return new DpsStoreData();
        }
        if (data is null)
        {
            return new DpsStoreData();
        }
        try
        {
            return DpsStoreData.Decode(data);
        }
        catch (Exception ex) when (ex is DpsFormatException or ArgumentException)
        {
            Log.StoreLoadFailed(_logger, _device.Index, ex);
            return new DpsStoreData();
        }
    }

    private void SaveStore()
    {
        try
        {
            _device.Store.Save(_storeName, _store.Encode());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.StoreSaveFailed(_logger, _device.Index, ex);
        }
        UpdateSnapshots();
    }
}
