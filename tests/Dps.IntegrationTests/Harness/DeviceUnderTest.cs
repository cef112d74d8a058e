using Dps.Client;
using Dps.Client.Ocf;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Security;
using Dps.Testing;
using Microsoft.Extensions.Logging;

namespace Dps.IntegrationTests.Harness;

/// <summary>
/// One device as an application embeds it: an <see cref="OcfStack"/> with one device joined to DPS
/// (<see cref="OcfStackDpsExtensions.AddDps"/>), its manufacturer certificate and DPS trust anchor
/// installed, the service's DPS endpoint configured. Records every status it reports and waits for
/// conditions on them (<see cref="WaitForDpsAsync"/>, <see cref="WaitForCloudAsync"/>). Nothing is
/// started until <see cref="Start"/>. Disposing stops DPS, the cloud manager and the stack (the
/// store survives: pass it to a new device to model a restart).
/// </summary>
internal sealed class DeviceUnderTest : IAsyncDisposable
{
    /// <summary>Provisioned with the cloud started (PROTOCOL §2.1 "provisioned").</summary>
    public const DpsStatus Provisioned = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;

    private readonly Lock _lock = new();
    private readonly List<DpsStatusChangedEventArgs> _dpsHistory = [];
    private readonly List<CloudStatus> _cloudHistory = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    private DeviceUnderTest(OcfStack stack, OcfDps dps, IOcfStore store, RecordingLogger log)
    {
        Stack = stack;
        Dps = dps;
        Store = store;
        Log = log;
        dps.Context.StatusChanged += (_, e) =>
        {
            lock (_lock)
            {
                _dpsHistory.Add(e);
            }

            Signal();
        };
        dps.CloudManager.StatusChanged += (_, e) =>
        {
            lock (_lock)
            {
                _cloudHistory.Add(e.Status);
            }

            Signal();
        };
    }

    /// <summary>The stack.</summary>
    public OcfStack Stack { get; }

    /// <summary>The DPS client and the cloud manager.</summary>
    public OcfDps Dps { get; }

    /// <summary>The device's storage.</summary>
    public IOcfStore Store { get; }

    /// <summary>Logs of the stack, the DPS client and the cloud manager.</summary>
    public RecordingLogger Log { get; }

    /// <summary>The DPS status.</summary>
    public DpsStatus Status => Dps.Context.Status;

    /// <summary>The cloud manager's status.</summary>
    public CloudStatus CloudStatus => Dps.CloudManager.Status;

    /// <summary>The device id (changes on a factory reset).</summary>
    public Guid DeviceId => Dps.Device.DeviceId;

    /// <summary>Every DPS status change so far.</summary>
    public IReadOnlyList<DpsStatusChangedEventArgs> DpsHistory
    {
        get
        {
            lock (_lock)
            {
                return [.. _dpsHistory];
            }
        }
    }

    /// <summary>Every cloud status notification so far.</summary>
    public IReadOnlyList<CloudStatus> CloudHistory
    {
        get
        {
            lock (_lock)
            {
                return [.. _cloudHistory];
            }
        }
    }

    /// <summary>
    /// Creates the device (not started). <paramref name="configure"/> edits the DPS options after
    /// the endpoint and a short retry configuration <c>[1, 1, 1]</c> were set. The DPS trust anchor
    /// is the service's DPS CA unless <paramref name="dpsTrustAnchorPem"/> names another; logs from
    /// <paramref name="logLevel"/> up are kept in <see cref="Log"/>.
    /// </summary>
    public static DeviceUnderTest Create(
        ServiceUnderTest service,
        ManufacturerCredentials credentials,
        Action<DpsClientOptions>? configure = null,
        IOcfStore? store = null,
        string? dpsTrustAnchorPem = null,
        Random? random = null,
        LogLevel logLevel = LogLevel.Debug)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(credentials);
        store ??= new InMemoryOcfStore();
        var log = new RecordingLogger("device") { MinimumLevel = logLevel };
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(logLevel));
        var stack = new OcfStack(
            new OcfStackOptions { Store = store, Device = new OcfDeviceOptions { Name = "integration" } },
            TimeProvider.System,
            loggerFactory);
        try
        {
            InstallManufacturerCredentials(stack, credentials, dpsTrustAnchorPem ?? credentials.DpsCaPem);
            var options = new DpsClientOptions
            {
                Endpoints = [new DpsEndpoint(service.DpsUri, "dps-service")],
                RetryConfiguration = new DpsRetryConfiguration(1, 1, 1),
            };
            configure?.Invoke(options);
            var dps = stack.AddDps(
                0,
                options,
                new DpsContextOptions { Random = random ?? new ShortestJitter(), Logger = loggerFactory.CreateLogger("Dps.Client") },
                loggerFactory: loggerFactory);
            return new DeviceUnderTest(stack, dps, store, log);
        }
        catch
        {
            stack.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Installs the manufacturer certificate and the DPS trust anchor unless the store already holds a manufacturer identity.</summary>
    public static void InstallManufacturerCredentials(OcfStack stack, ManufacturerCredentials credentials, string dpsTrustAnchorPem)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(credentials);
        using (var existing = stack.GetDevice(0).GetManufacturerIdentity())
        {
            if (existing is not null)
            {
                return;
            }
        }

        stack.AddManufacturerCertificate(0, credentials.ChainPem, credentials.KeyPem);
        foreach (var anchor in PemCertificates.LoadChain(dpsTrustAnchorPem))
        {
            stack.AddTrustAnchor(0, PemCertificates.ToPem(anchor), manufacturer: true);
        }
    }

    /// <summary>Starts DPS (<see cref="DpsContext.Start"/>).</summary>
    public void Start() => Dps.Context.Start();

    /// <summary>Waits until the DPS status satisfies <paramref name="condition"/>; returns it.</summary>
    public async Task<DpsStatus> WaitForDpsAsync(Func<DpsStatus, bool> condition, CancellationToken cancellationToken)
    {
        await WaitAsync(() => condition(Status), cancellationToken);
        return Status;
    }

    /// <summary>Waits until DPS reports <see cref="Provisioned"/> and the cloud manager <see cref="CloudStatus.LoggedIn"/>.</summary>
    public Task WaitForProvisionedAndLoggedInAsync(CancellationToken cancellationToken) =>
        WaitAsync(() => (Status & Provisioned) == Provisioned && (Status & DpsStatus.ErrorFlags) == 0 && (CloudStatus & CloudStatus.LoggedIn) != 0, cancellationToken);

    /// <summary>Waits until the cloud status satisfies <paramref name="condition"/>; returns it.</summary>
    public async Task<CloudStatus> WaitForCloudAsync(Func<CloudStatus, bool> condition, CancellationToken cancellationToken)
    {
        await WaitAsync(() => condition(CloudStatus), cancellationToken);
        return CloudStatus;
    }

    /// <summary>Waits until <paramref name="condition"/> (over the device's state) holds; re-checked on every DPS or cloud status change.</summary>
    public async Task WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }

        Signal();
        try
        {
            await done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    /// <summary>Stops DPS, the cloud manager and the stack.</summary>
    public async ValueTask DisposeAsync()
    {
        await Dps.DisposeAsync();
        await Stack.DisposeAsync();
    }

    private void Signal()
    {
        List<(Func<bool> Condition, TaskCompletionSource Done)> waiters;
        lock (_lock)
        {
            waiters = [.. _waiters];
        }

        foreach (var (condition, done) in waiters)
        {
            try
            {
                if (condition())
                {
                    done.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }
    }
}
