using System.Diagnostics;
using Dps.Client;
using Dps.Client.Ocf;
using Dps.Ocf;
using Dps.Ocf.Cloud;

namespace Dps.LoadTest.Fleet;

/// <summary>One in-process device: its own stack, in-memory store, manufacturer certificate and DPS client.</summary>
internal sealed class FleetDevice : IAsyncDisposable
{
    private readonly OcfStack _stack;
    private readonly OcfDps _dps;
    private readonly TaskCompletionSource _provisioned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _loggedIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _dpsErrors;
    private int _cloudFailures;

    public FleetDevice(int index, string dpsUri, string dpsCaPem, string chainPem, string keyPem)
    {
        _stack = new OcfStack(new OcfStackOptions
        {
            Store = new InMemoryOcfStore(),
            Manufacturer = "ocfcloud.com",
            Device = new OcfDeviceOptions { Name = $"fleet-{index}", DeviceTypes = [OcfResourceTypes.CloudDevice] },
        });
        _stack.AddTrustAnchor(0, dpsCaPem, manufacturer: true);
        _stack.AddManufacturerCertificate(0, chainPem, keyPem);
        _stack.SetSecurityProfile(0, OcfSecurityProfile.Black);
        _dps = _stack.AddDps(0, new DpsClientOptions { Endpoints = [new DpsEndpoint(dpsUri, "dps")] });
        _dps.Context.StatusChanged += OnDpsStatus;
        _dps.CloudManager.StatusChanged += OnCloudStatus;
    }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when DPS was started.</summary>
    public long Started { get; private set; }

    /// <summary>When <c>CLOUD_STARTED</c> was reached with all five steps done; 0 before.</summary>
    public long Provisioned { get; private set; }

    /// <summary>When the cloud manager logged in; 0 before.</summary>
    public long LoggedIn { get; private set; }

    /// <summary>Status notifications that carried a DPS error flag (each is a retry).</summary>
    public int DpsErrors => Volatile.Read(ref _dpsErrors);

    /// <summary>Cloud status notifications with <c>-Failure</c>.</summary>
    public int CloudFailures => Volatile.Read(ref _cloudFailures);

    public Task ProvisionedTask => _provisioned.Task;

    public Task LoggedInTask => _loggedIn.Task;

    public void Start()
    {
        Started = Stopwatch.GetTimestamp();
        _dps.Context.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _dps.Context.StatusChanged -= OnDpsStatus;
        _dps.CloudManager.StatusChanged -= OnCloudStatus;
        await _dps.Context.StopAsync(CancellationToken.None);
        await _dps.DisposeAsync();
        await _stack.DisposeAsync();
    }

    private void OnDpsStatus(object? sender, DpsStatusChangedEventArgs e)
    {
        if ((e.Status & DpsStatus.ErrorFlags) != 0)
        {
            Interlocked.Increment(ref _dpsErrors);
        }

        const DpsStatus done = DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;
        if ((e.Status & done) == done && Provisioned == 0)
        {
            Provisioned = Stopwatch.GetTimestamp();
            _provisioned.TrySetResult();
        }
    }

    private void OnCloudStatus(object? sender, CloudStatusChangedEventArgs e)
    {
        if ((e.Status & CloudStatus.Failure) != 0)
        {
            Interlocked.Increment(ref _cloudFailures);
        }

        if ((e.Status & CloudStatus.LoggedIn) != 0 && LoggedIn == 0)
        {
            LoggedIn = Stopwatch.GetTimestamp();
            _loggedIn.TrySetResult();
        }
    }
}
