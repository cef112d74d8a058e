using System.Security.Cryptography.X509Certificates;
using Dps.Coap;
using Dps.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Ocf.Cloud;

/// <summary>
/// The cloud manager of one device (iotivity's <c>oc_cloud</c>, PROTOCOL §7): connects to the
/// selected cloud server (<c>cis</c>, coaps+tcp, client identity certificate, the hub trust anchors),
/// signs up, signs in, publishes the device's links, keeps the connection alive with pings, refreshes
/// the access token before it expires and retries, fails over or reconnects as iotivity does. Its
/// state is the <c>cloud_&lt;index&gt;</c> store. Public methods are thread-safe; events are raised
/// outside locks from the manager's loop, and a throwing handler is logged and ignored.
/// </summary>
/// <remarks>
/// The caller starts the manager only when the device is in RFNOP (or RFPRO). First attempts go out
/// at once (the C device waits 1–2 s); the jittered delays apply to retries and to reconnects after
/// a failure.
/// </remarks>
public sealed partial class OcfCloudManager : IAsyncDisposable, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Lock _persistLock = new();
    private readonly SemaphoreSlim _control = new(1, 1);
    private readonly AsyncLocal<bool> _inLoop = new();
    private readonly IOcfStore _store;
    private readonly string _storeName;
    private readonly CloudManagerOptions _options;
    private readonly ICoapHandler? _handler;
    private readonly ICloudPublishSource? _publishSource;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly CloudConfiguration _config;
    private CloudStatus _status;
    private CloudError _lastError;
    private CancellationTokenSource? _loopCts;
    private CancellationTokenSource? _sessionCts;
    private Task _loop = Task.CompletedTask;
    private TlsIdentity? _identity;
    private IReadOnlyList<X509Certificate2> _trustAnchors = [];

    /// <summary>
    /// Creates the manager of one device. The configuration is <paramref name="configuration"/> (copied)
    /// or, when null, loaded from the <c>cloud_&lt;index&gt;</c> store (defaults when absent or corrupt);
    /// <c>LOGGED_IN</c> and the event bits of a stored status are cleared.
    /// </summary>
    /// <param name="deviceId">The device id (<c>di</c>), the CN of the identity certificate.</param>
    /// <param name="store">Where the configuration is persisted.</param>
    /// <param name="configuration">The configuration to start from; null loads it from <paramref name="store"/>.</param>
    /// <param name="options">Settings (copied); null for defaults.</param>
    /// <param name="handler">Serves the requests the hub sends on the connection; null answers 4.04.</param>
    /// <param name="publishSource">What to publish after sign-in; null publishes nothing.</param>
    /// <param name="timeProvider">Clock for every wait and timeout; null for the system clock.</param>
    /// <param name="random">Jitter of retry delays and initial <c>ins</c> values; null for <see cref="Random.Shared"/>.</param>
    /// <param name="logger">Logger; null for none.</param>
    public OcfCloudManager(
        OcfUuid deviceId,
        IOcfStore store,
        CloudConfiguration? configuration = null,
        CloudManagerOptions? options = null,
        ICoapHandler? handler = null,
        ICloudPublishSource? publishSource = null,
        TimeProvider? timeProvider = null,
        Random? random = null,
        ILogger<OcfCloudManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options?.Clone() ?? new CloudManagerOptions();
        _options.Validate();
        DeviceId = deviceId;
        _store = store;
        _storeName = OcfStoreName.For(CloudConfiguration.StoreName, _options.DeviceIndex);
        _handler = handler;
        _publishSource = publishSource;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (configuration is not null)
        {
            _config = CloudConfiguration.Decode(configuration.Encode());
        }
        else if (!store.TryLoad(_storeName, static data => CloudConfiguration.Decode(data), _logger, out _config))
        {
            _config = new CloudConfiguration();
        }

        _status = ((CloudStatus)_config.Status).WithoutEvents() & ~CloudStatus.LoggedIn;
        _config.Status = (int)_status;
    }

    /// <summary>Raised after every status change (iotivity's status callback); event bits are cleared afterwards.</summary>
    public event EventHandler<CloudStatusChangedEventArgs>? StatusChanged;

    /// <summary>Raised after every persisted change of the configuration (the <c>/CoapCloudConfResURI</c> representation may have changed), outside locks.</summary>
    public event EventHandler<EventArgs>? ConfigurationChanged;

    /// <summary>Raised when another server of <c>x.org.iotivity.servers</c> was selected (failover, redirect or <see cref="SelectNextServer"/>).</summary>
    public event EventHandler<CloudServerChangedEventArgs>? ServerChanged;

    /// <summary>The device id (<c>di</c>) used towards the hub; a change takes effect on the next connection
    /// (a factory reset gives the device a new one, with a new identity certificate).</summary>
    public OcfUuid DeviceId { get; set; }

    private string DeviceIdText => DeviceId.ToString();

    /// <summary>The current status (state bits only; event bits live only in notifications).</summary>
    public CloudStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status.WithoutEvents();
            }
        }
    }

    /// <summary><c>cps</c>: the provisioning status.</summary>
    public CloudProvisioningStatus Cps
    {
        get
        {
            lock (_lock)
            {
                return _config.ProvisioningStatus;
            }
        }
    }

    /// <summary><c>clec</c>: the last cloud error.</summary>
    public CloudError LastError
    {
        get
        {
            lock (_lock)
            {
                return _lastError;
            }
        }
    }

    /// <summary>The selected server (<c>cis</c> and <c>sid</c>).</summary>
    public CloudServer SelectedServer
    {
        get
        {
            lock (_lock)
            {
                return new CloudServer(_config.CiServer, _config.Sid);
            }
        }
    }

    /// <summary>Every configured server (<c>x.org.iotivity.servers</c>).</summary>
    public IReadOnlyList<CloudServer> Servers
    {
        get
        {
            lock (_lock)
            {
                return [.. _config.Servers];
            }
        }
    }

    /// <summary>True between <see cref="Start"/> and <see cref="StopAsync"/> (also while idle).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return _loopCts is not null;
            }
        }
    }

    /// <summary>True while the connection to the cloud server is up.</summary>
    public bool IsConnected => Volatile.Read(ref _connection) is { IsConnected: true };

    /// <summary>The client certificate for the cloud connection (DPS sets its identity certificate); read at each connect.</summary>
    public TlsIdentity? Identity
    {
        get => Volatile.Read(ref _identity);
        set => Volatile.Write(ref _identity, value);
    }

    /// <summary>The CAs the cloud server's certificate must chain to (the <c>trustca</c> credentials); read at each connect.</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors
    {
        get => Volatile.Read(ref _trustAnchors);
        set => Volatile.Write(ref _trustAnchors, value is null ? [] : [.. value]);
    }

    /// <summary>A copy of the configuration (holds tokens: never log it).</summary>
    public CloudConfiguration GetConfiguration()
    {
        lock (_lock)
        {
            return CloudConfiguration.Decode(_config.Encode());
        }
    }

    /// <summary>The <c>/CoapCloudConfResURI</c> representation (§7.2).</summary>
    public byte[] EncodeResource(bool includeBaseline = true)
    {
        lock (_lock)
        {
            return CloudConfResource.Encode(_config, _lastError, includeBaseline);
        }
    }

    /// <summary>
    /// Starts the manager (no-op when running): registers when cps is <c>readytoregister</c>, or, when
    /// registered, refreshes the token (or signs in with a permanent one), then signs in and publishes.
    /// </summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_loopCts is not null)
            {
                return;
            }

            StartLoopLocked(delayFirst: false);
        }

        CloudLog.Started(_logger, DeviceId, SelectedServer.Uri);
    }

    /// <summary>Same as <see cref="Start"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Start();
        return Task.CompletedTask;
    }

    /// <summary>Stops the manager and closes the cloud connection (no sign-out, like iotivity).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_inLoop.Value)
        {
            // Called from an event handler on the loop: the loop ends after the handler returns.
            CancelLoop();
            return;
        }

        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopLoopAsync().ConfigureAwait(false);
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Restart (§7.4): closes the connection, clears <c>LOGGED_IN</c>, sets cps to <c>registered</c> when
    /// registered else <c>readytoregister</c>, notifies and starts again.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopLoopAsync().ConfigureAwait(false);
            lock (_lock)
            {
                _status &= ~CloudStatus.LoggedIn;
                ApplyRestartProvisioningStatusLocked();
            }

            Persist();
            Notify();
            lock (_lock)
            {
                StartLoopLocked(delayFirst: false);
            }
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Selects the next server of <c>x.org.iotivity.servers</c> (circular), persists it, raises
    /// <see cref="ServerChanged"/> and, when running, reconnects to it. With one server nothing changes.
    /// </summary>
    /// <returns>The selected server.</returns>
    public CloudServer SelectNextServer()
    {
        var (previous, current) = SelectNextServerCore();
        if (previous != current)
        {
            CancellationTokenSource? session;
            lock (_lock)
            {
                session = _sessionCts;
            }

            try
            {
                session?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The session just ended; the next one uses the new server.
            }
        }

        return current;
    }

    /// <summary>
    /// Applies an accepted <c>/CoapCloudConfResURI</c> update (or DPS's cloud configuration): a reset
    /// (<c>cis: ""</c>) deregisters (within <see cref="CloudManagerOptions.RequestTimeout"/>), stops and
    /// clears the configuration; otherwise the configuration is replaced (tokens and status cleared,
    /// cps <c>readytoregister</c>) and the manager restarted if it was running.
    /// </summary>
    public async Task ApplyConfigurationAsync(CloudConfUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.IsReset)
        {
            bool registered = (Status & CloudStatus.Registered) != 0;
            if (registered)
            {
                await DeregisterAsync(cancellationToken).ConfigureAwait(false);
            }

            await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await StopLoopAsync().ConfigureAwait(false);
                lock (_lock)
                {
                    _config.Reset();
                    _status = CloudStatus.Initialized;
                    _lastError = CloudError.None;
                }

                Persist();
            }
            finally
            {
                _control.Release();
            }

            return;
        }

        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            bool wasRunning = IsRunning;
            await StopLoopAsync().ConfigureAwait(false);
            lock (_lock)
            {
                _config.Apply(update);
                _status = CloudStatus.Initialized;
                _lastError = CloudError.None;
            }

            Persist();
            if (wasRunning)
            {
                lock (_lock)
                {
                    StartLoopLocked(delayFirst: false);
                }
            }
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Clears the configuration to its defaults without deregistering (the cloud half of a factory
    /// reset) and persists it; a running manager is cancelled first (stop it before to wait for that).
    /// </summary>
    public void ResetConfiguration()
    {
        CancelLoop();
        lock (_lock)
        {
            _config.Reset();
            _status = CloudStatus.Initialized;
            _lastError = CloudError.None;
            _instances.Clear();
        }

        Persist();
    }

    /// <summary>
    /// Deregisters (sign-off, §7.10): <c>DELETE /oic/sec/account?uid=&amp;di=[&amp;accesstoken=]</c> on the
    /// current connection (or a new one), then stops the manager. An answer below 4.00 or a
    /// connection-class error counts as deregistered: <c>DEREGISTERED</c> is notified, cps becomes
    /// <c>uninitialized</c> and uid and tokens are cleared.
    /// </summary>
    /// <returns>True when deregistered.</returns>
    public async Task<bool> DeregisterAsync(CancellationToken cancellationToken = default)
    {
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string uid;
            string accessToken;
            lock (_lock)
            {
                uid = _config.Uid;
                accessToken = _config.AccessToken;
            }

            bool deregistered = true;
            string outcome = "not registered";
            if (uid.Length > 0)
            {
                (deregistered, outcome) = await SendOnceAsync(
                    CloudMessages.Deregister(uid, DeviceIdText, accessToken),
                    code => code.Class < 4 || IsConnectionClass(code),
                    cancellationToken).ConfigureAwait(false);
            }

            await StopLoopAsync().ConfigureAwait(false);
            CloudLog.Deregistered(_logger, outcome);
            lock (_lock)
            {
                if (deregistered)
                {
                    _config.Uid = string.Empty;
                    _config.AccessToken = string.Empty;
                    _config.RefreshToken = string.Empty;
                    _config.ExpiresIn = 0;
                    _config.ProvisioningStatus = CloudProvisioningStatus.Uninitialized;
                    _status = CloudStatus.Deregistered;
                    _lastError = CloudError.None;
                }
                else
                {
                    _status |= CloudStatus.Failure;
                    _lastError = CloudError.ResponseError;
                }
            }

            Persist();
            Notify();
            return deregistered;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Signs out (<c>POST /oic/sec/session {…, login: false}</c>) on the current connection (or a new
    /// one), stops the manager and notifies <c>LOGGED_OUT</c>. <see cref="Start"/> signs in again.
    /// </summary>
    /// <returns>True when the hub answered with success.</returns>
    public async Task<bool> SignOutAsync(CancellationToken cancellationToken = default)
    {
        await _control.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string uid;
            string accessToken;
            lock (_lock)
            {
                uid = _config.Uid;
                accessToken = _config.AccessToken;
            }

            bool signedOut = false;
            string outcome = "not registered";
            if (uid.Length > 0)
            {
                (signedOut, outcome) = await SendOnceAsync(
                    CloudMessages.Session(uid, DeviceIdText, accessToken, login: false),
                    code => code.IsSuccess,
                    cancellationToken).ConfigureAwait(false);
            }

            await StopLoopAsync().ConfigureAwait(false);
            CloudLog.SignedOut(_logger, outcome);
            lock (_lock)
            {
                _status = (_status & ~CloudStatus.LoggedIn) | CloudStatus.LoggedOut;
            }

            Persist();
            Notify();
            return signedOut;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>
    /// Unpublishes links (§7.9): <c>DELETE /oic/rd?di=&lt;di&gt;&amp;ins=&lt;n&gt;…</c> on the live connection
    /// with the <c>ins</c> of each href published before, split into several requests when the query
    /// would grow too large (<see cref="CloudMessages.MaxUnpublishQueryBytes"/>). Hrefs never published
    /// are skipped; unpublished ones are forgotten (a later publish gives them a new <c>ins</c>).
    /// </summary>
    /// <returns>True when the hub answered every request with success (or there was nothing to unpublish).</returns>
    public async Task<bool> UnpublishAsync(IEnumerable<string> hrefs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hrefs);
        var known = new Dictionary<long, string>();
        lock (_lock)
        {
            foreach (string href in hrefs)
            {
                if (_instances.TryGetValue(href, out long ins))
                {
                    known[ins] = href;
                }
            }
        }

        if (known.Count == 0)
        {
            return true;
        }

        var connection = Volatile.Read(ref _connection);
        if (connection is not { IsConnected: true })
        {
            return false;
        }

        foreach (var (request, instances) in CloudMessages.UnpublishBatches(DeviceIdText, [.. known.Keys]))
        {
            try
            {
                var response = await connection.SendAsync(request, new CoapRequestOptions { Timeout = _options.RequestTimeout }, cancellationToken).ConfigureAwait(false);
                if (!response.Code.IsSuccess)
                {
                    CloudLog.PublishFailed(_logger, "unpublish answered " + response.Code);
                    return false;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or CoapConnectionException)
            {
                CloudLog.PublishFailed(_logger, ex.Message);
                return false;
            }

            lock (_lock)
            {
                foreach (long ins in instances)
                {
                    _instances.Remove(known[ins]);
                }
            }
        }

        return true;
    }

    /// <summary>Stops the manager.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Cancels the manager's loop and drops the connection without waiting.</summary>
    public void Dispose()
    {
        CancelLoop();
        Interlocked.Exchange(ref _connection, null)?.Dispose();
    }

    private static bool IsConnectionClass(CoapCode code) =>
        code == CoapCode.ServiceUnavailable || code == CoapCode.GatewayTimeout;

    private void StartLoopLocked(bool delayFirst)
    {
        var cts = new CancellationTokenSource();
        _loopCts = cts;

        // A loop cancelled from its own event handler may still be closing its connection: run after it.
        var previous = _loop;
        _loop = Task.Run(
            async () =>
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await RunLoopAsync(delayFirst, cts.Token).ConfigureAwait(false);
            },
            CancellationToken.None);
    }

    private void CancelLoop()
    {
        CancellationTokenSource? cts;
        lock (_lock)
        {
            cts = _loopCts;
            _loopCts = null;
        }

        cts?.Cancel();
    }

    private async Task StopLoopAsync()
    {
        CancellationTokenSource? cts;
        Task loop;
        lock (_lock)
        {
            cts = _loopCts;
            _loopCts = null;
            loop = _loop;
        }

        if (cts is null)
        {
            await CloseConnectionAsync().ConfigureAwait(false);
            return;
        }

        await cts.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        cts.Dispose();
        await CloseConnectionAsync().ConfigureAwait(false);
        CloudLog.Stopped(_logger, DeviceId);
    }

    /// <summary>One request outside the loop (deregister, sign-out) on the live connection or a new one.</summary>
    private async Task<(bool Accepted, string Outcome)> SendOnceAsync(CoapMessage request, Func<CoapCode, bool> accepted, CancellationToken cancellationToken)
    {
        try
        {
            var connection = Volatile.Read(ref _connection);
            if (connection is not { IsConnected: true })
            {
                await StopLoopAsync().ConfigureAwait(false);
                connection = await EnsureConnectedAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            }

            var response = await connection.SendAsync(request, new CoapRequestOptions { Timeout = _options.RequestTimeout }, cancellationToken).ConfigureAwait(false);
            return (accepted(response.Code), response.Code.ToString());
        }
        catch (Exception ex) when (ex is TimeoutException or CoapConnectionException)
        {
            return (accepted(CoapCode.ServiceUnavailable), ex.Message);
        }
    }

    private (CloudServer Previous, CloudServer Current) SelectNextServerCore()
    {
        CloudServer previous;
        CloudServer current;
        lock (_lock)
        {
            previous = new CloudServer(_config.CiServer, _config.Sid);
            var servers = _config.Servers;
            if (servers.Count < 2)
            {
                return (previous, previous);
            }

            int index = -1;
            for (int i = 0; i < servers.Count; i++)
            {
                if (string.Equals(servers[i].Uri, _config.CiServer, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }

            current = servers[(index + 1) % servers.Count];
            _config.CiServer = current.Uri;
            _config.Sid = current.Id;
        }

        Persist();
        CloudLog.ServerChanged(_logger, previous.Uri, current.Uri);
        Raise(ServerChanged, new CloudServerChangedEventArgs(previous, current), "ServerChanged");
        return (previous, current);
    }

    private void ApplyRestartProvisioningStatusLocked()
    {
        if ((_status & CloudStatus.Registered) != 0)
        {
            _config.ProvisioningStatus = CloudProvisioningStatus.Registered;
        }
        else if (_config.ProvisioningStatus is not CloudProvisioningStatus.Failed and not CloudProvisioningStatus.Uninitialized)
        {
            _config.ProvisioningStatus = CloudProvisioningStatus.ReadyToRegister;
        }
    }

    private void Persist()
    {
        // Saves are serialized, and each writes the configuration as it is when the save starts.
        lock (_persistLock)
        {
            byte[] data;
            lock (_lock)
            {
                _config.Status = (int)_status.WithoutEvents();
                data = _config.Encode();
            }

            try
            {
                _store.Save(_storeName, data, secret: true);
            }
            catch (IOException ex)
            {
                CloudLog.SaveFailed(_logger, _storeName, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                CloudLog.SaveFailed(_logger, _storeName, ex);
            }
        }

        Raise(ConfigurationChanged, EventArgs.Empty, nameof(ConfigurationChanged));
    }

    /// <summary>Raises <see cref="StatusChanged"/> with the current status and clears the event bits.</summary>
    private void Notify()
    {
        CloudStatusChangedEventArgs args;
        lock (_lock)
        {
            args = new CloudStatusChangedEventArgs(_status, _config.ProvisioningStatus, _lastError);
            _status = _status.WithoutEvents();
        }

        CloudLog.Status(_logger, args.Status, args.ProvisioningStatus, args.LastError);
        Raise(StatusChanged, args, "StatusChanged");
    }

    private void Raise<T>(EventHandler<T>? handler, T args, string name)
    {
        if (handler is null)
        {
            return;
        }

        foreach (EventHandler<T> single in handler.GetInvocationList().Cast<EventHandler<T>>())
        {
            try
            {
                single(this, args);
            }
#pragma warning disable CA1031 // A subscriber's exception must not break the manager.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                CloudLog.HandlerFailed(_logger, name, ex);
            }
        }
    }
}
