using Dps.Coap;
using Dps.Ocf.Provisioning;
using Dps.Ocf.Security;
using Dps.Ocf.Stack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Ocf;

/// <summary>
/// The OCF device stack: hosts devices by index (0..n-1) and serves CoAP requests to them as an
/// <see cref="ICoapHandler"/> on any <see cref="CoapConnection"/> (the device is a server on its
/// own client connections to the DPS and the hub). A request goes to the device whose index is in
/// the connection's <see cref="CoapConnection.Items"/> under <see cref="DeviceIndexItem"/>, else
/// to device 0; <see cref="GetHandler"/> gives a handler bound to one device.
/// </summary>
public sealed class OcfStack : ICoapHandler, IAsyncDisposable
{
    /// <summary>The <see cref="CoapConnection.Items"/> key holding the target device's index (an <see cref="int"/>).</summary>
    public const string DeviceIndexItem = "ocf.device-index";

    private readonly Lock _lock = new();
    private readonly OcfStackOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private OcfDevice[] _devices = [];
    private Func<OcfDevice, CancellationToken, ValueTask>[] _resetHandlers = [];
    private IOcfAccessControl _accessControl = AclAccessControl.Instance;
    private Func<OcfDevice, CancellationToken, ValueTask>? _factoryPresets;

    /// <summary>Creates the stack and, unless <see cref="OcfStackOptions.Device"/> is null, device 0.</summary>
    /// <param name="options">Settings (copied); null for defaults.</param>
    /// <param name="timeProvider">The clock under plgd time; null for the system clock.</param>
    /// <param name="loggerFactory">Loggers; null for none.</param>
    public OcfStack(OcfStackOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options?.Clone() ?? new OcfStackOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<OcfStack>();
        PlatformId = _options.PlatformId ?? Guid.NewGuid();
        Store = _options.Store
            ?? (_options.StorageDirectory is { } directory
                ? new DirectoryOcfStore(directory, _loggerFactory.CreateLogger<DirectoryOcfStore>())
                : new InMemoryOcfStore());
        if (_options.Device is { } device)
        {
            AddDevice(device);
        }
    }

    /// <summary>Raised on the device's executor when a factory reset starts (a throwing handler is logged).</summary>
    public event EventHandler<OcfDeviceEventArgs>? Resetting;

    /// <summary>Raised on the device's executor when a factory reset has finished.</summary>
    public event EventHandler<OcfDeviceEventArgs>? ResetCompleted;

    /// <summary>The platform manufacturer (<c>mnmn</c>).</summary>
    public string Manufacturer => _options.Manufacturer;

    /// <summary>The platform id (<c>pi</c>).</summary>
    public Guid PlatformId { get; }

    /// <summary>The storage directory from the options (null: see <see cref="Store"/>).</summary>
    public string? StorageDirectory => _options.StorageDirectory;

    /// <summary>
    /// Where every device keeps its state: <c>pstat_N</c>, <c>doxm_N</c>, <c>cred_N</c>, <c>acl_N</c>,
    /// <c>sdi_N</c>, <c>keypair_N</c>, <c>cloud_N</c>, <c>plgd_time_N</c>; the DPS client keeps <c>dps_N</c> here too.
    /// </summary>
    public IOcfStore Store { get; }

    /// <summary>The devices, by index.</summary>
    public IReadOnlyList<OcfDevice> Devices => Volatile.Read(ref _devices);

    /// <summary>
    /// The access control asked before every handler: by default <see cref="AclAccessControl"/> (the
    /// device's <c>/oic/sec/acl2</c>); null allows everything.
    /// </summary>
    public IOcfAccessControl AccessControl
    {
        get => Volatile.Read(ref _accessControl);
        set => Volatile.Write(ref _accessControl, value ?? AllowAllAccessControl.Instance);
    }

    /// <summary>
    /// The application's factory-presets callback, run on the device's executor after a factory
    /// reset has cleared the security state (restore the name, re-install certificates, restart
    /// provisioning…), and once for each device that booted in RFOTM (an empty store): when the
    /// callback is set, or when such a device is added after it was set.
    /// </summary>
    public Func<OcfDevice, CancellationToken, ValueTask>? FactoryPresets
    {
        get => Volatile.Read(ref _factoryPresets);
        set
        {
            Volatile.Write(ref _factoryPresets, value);
            if (value is not null)
            {
                foreach (var device in Devices)
                {
                    RunBootPresets(device);
                }
            }
        }
    }

    /// <summary>The device at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such device.</exception>
    public OcfDevice GetDevice(int index)
    {
        var devices = Volatile.Read(ref _devices);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, devices.Length);
        return devices[index];
    }

    /// <summary>Adds a device with the next index.</summary>
    public OcfDevice AddDevice(OcfDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        lock (_lock)
        {
            int index = _devices.Length;
            var timeStore = _options.PlgdTimeStore?.Invoke(index) ?? new StorePlgdTimeStore(Store, index, _logger);
            var plgdTime = new PlgdTime(_timeProvider, timeStore, _loggerFactory.CreateLogger<PlgdTime>());
            plgdTime.Load();
            var device = new OcfDevice(this, index, copy, plgdTime, Store, _loggerFactory.CreateLogger<OcfDevice>());
            _devices = [.. _devices, device];
            RunBootPresets(device);
            return device;
        }
    }

    /// <summary>
    /// PKI: adds device <paramref name="deviceIndex"/>'s manufacturer certificate chain (leaf first)
    /// and private key as an <c>mfgcert</c> credential (see <see cref="OcfDevice.AddManufacturerCertificate"/>).
    /// </summary>
    /// <returns>The credid.</returns>
    public int AddManufacturerCertificate(int deviceIndex, string chainPem, string keyPem) =>
        GetDevice(deviceIndex).AddManufacturerCertificate(chainPem, keyPem);

    /// <summary>PKI: adds a trust anchor, <c>mfgtrustca</c> when <paramref name="manufacturer"/>, else <c>trustca</c>.</summary>
    /// <returns>The credid.</returns>
    public int AddTrustAnchor(int deviceIndex, string certificatePem, bool manufacturer) =>
        GetDevice(deviceIndex).AddTrustAnchor(certificatePem, manufacturer);

    /// <summary>PKI: selects the security profile of a device.</summary>
    public void SetSecurityProfile(int deviceIndex, OcfSecurityProfile profile) =>
        GetDevice(deviceIndex).SecurityProfile = profile;

    /// <summary>PKI: removes credential <paramref name="credId"/>; false when absent.</summary>
    public bool RemoveCredential(int deviceIndex, int credId) => GetDevice(deviceIndex).RemoveCredential(credId);

    /// <summary>
    /// Adds a step run on the executor during every factory reset, after <see cref="Resetting"/> and
    /// before the security state is cleared and <see cref="FactoryPresets"/> runs, in the order added
    /// (the cloud manager and the DPS client stop here; a failing step is logged and the reset goes on).
    /// </summary>
    public void AddResetHandler(Func<OcfDevice, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _resetHandlers = [.. _resetHandlers, handler];
        }
    }

    /// <summary>Factory-resets device <paramref name="index"/> (see <see cref="OcfDevice.ResetAsync"/>).</summary>
    public Task ResetDeviceAsync(int index, CancellationToken cancellationToken = default) =>
        GetDevice(index).ResetAsync(cancellationToken);

    /// <summary>
    /// Queues a factory reset of device <paramref name="index"/> without waiting (as iotivity's
    /// <c>oc_reset_device</c>, e.g. from a SIGHUP handler); a failure is logged.
    /// </summary>
    /// <returns>False when the device has stopped.</returns>
    public bool ResetDevice(int index)
    {
        var device = GetDevice(index);
        return device.PostWork(() => RunResetAsync(device, CancellationToken.None));
    }

    /// <summary>A handler serving only device <paramref name="index"/>.</summary>
    public ICoapHandler GetHandler(int index) => new DeviceCoapHandler(GetDevice(index));

    /// <inheritdoc />
    public ValueTask<CoapMessage> HandleAsync(CoapRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int index = context.Items.TryGetValue(DeviceIndexItem, out object? value) && value is int i ? i : 0;
        var devices = Volatile.Read(ref _devices);
        if ((uint)index >= (uint)devices.Length)
        {
            return ValueTask.FromResult(CoapMessage.ResponseTo(context.Request, CoapCode.NotFound).Build());
        }

        return devices[index].HandleCoapAsync(context, cancellationToken);
    }

    /// <summary>Stops the devices' executors after the queued work.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var device in Devices)
        {
            await device.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The reset sequence; runs on the device's executor.</summary>
    internal async ValueTask RunResetAsync(OcfDevice device, CancellationToken cancellationToken)
    {
        StackLog.ResetStarted(_logger, device.Index);
        Raise(Resetting, device, nameof(Resetting));
        foreach (var handler in Volatile.Read(ref _resetHandlers))
        {
            await RunResetStepAsync(handler, device, cancellationToken).ConfigureAwait(false);
        }

        device.ResetSecurity();
        if (FactoryPresets is { } presets)
        {
            await RunResetStepAsync(presets, device, cancellationToken).ConfigureAwait(false);
        }

        device.CompleteReset();
        Raise(ResetCompleted, device, nameof(ResetCompleted));
        StackLog.ResetFinished(_logger, device.Index);
    }

    private void RunBootPresets(OcfDevice device)
    {
        if (FactoryPresets is null || !device.TakeBootPresets())
        {
            return;
        }

        device.PostWork(async () =>
        {
            if (FactoryPresets is { } presets)
            {
                StackLog.BootPresets(_logger, device.Index);
                await RunResetStepAsync(presets, device, CancellationToken.None).ConfigureAwait(false);
            }
        });
    }

    private async ValueTask RunResetStepAsync(Func<OcfDevice, CancellationToken, ValueTask> step, OcfDevice device, CancellationToken cancellationToken)
    {
        try
        {
            await step(device, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            StackLog.ResetCallbackFailed(_logger, device.Index, ex);
        }
    }

    private void Raise(EventHandler<OcfDeviceEventArgs>? handler, OcfDevice device, string name)
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, new OcfDeviceEventArgs(device));
        }
        catch (Exception ex)
        {
            StackLog.EventHandlerFailed(_logger, name, ex);
        }
    }
}
