using Dps.Ocf.Cloud;
using Dps.Ocf.Stack;
using Microsoft.Extensions.Logging;

namespace Dps.Ocf;

/// <summary>
/// One OCF device of an <see cref="OcfStack"/>: identity (<c>/oic/d</c>), its resources, and the
/// serialized executor every handler, notification and reset runs on. Public methods are
/// thread-safe.
/// </summary>
public sealed partial class OcfDevice
{
    private readonly Lock _lock = new();
    private readonly DeviceExecutor _executor;
    private readonly ILogger _logger;
    private OcfResource[] _resources = [];
    private Guid _deviceId;
    private string _name;
    private string[] _endpoints = [];

    internal OcfDevice(OcfStack stack, int index, OcfDeviceOptions options, PlgdTime plgdTime, IOcfStore store, ILogger logger)
    {
        Stack = stack;
        Index = index;
        _logger = logger;
        _executor = new DeviceExecutor(logger);
        _deviceId = LoadSecurity(store, options);
        _name = options.Name;
        ProtocolIndependentId = options.ProtocolIndependentId ?? Guid.NewGuid();
        DeviceTypes = [.. options.DeviceTypes];
        SpecVersion = options.SpecVersion;
        DataModelVersion = options.DataModelVersion;
        PlgdTime = plgdTime;

        Platform = CreatePlatformResource();
        Discovery = CreateDiscoveryResource();
        DeviceResource = CreateDeviceResource();
        AttachCore(Platform);
        if (options.PlgdTimeResource)
        {
            TimeResource = CreatePlgdTimeResource();
            AttachCore(TimeResource);
            plgdTime.Changed += (_, _) => Changed(TimeResource);
        }

        AttachCore(Discovery);
        AttachCore(DeviceResource);
        CreateSecurityResources();
    }

    /// <summary>The stack hosting the device.</summary>
    public OcfStack Stack { get; }

    /// <summary>The device index (0..n-1).</summary>
    public int Index { get; }

    /// <summary>The device id (<c>di</c>, = <c>doxm.deviceuuid</c>, persisted); a factory reset replaces it with a random one.</summary>
    public Guid DeviceId
    {
        get
        {
            lock (_lock)
            {
                return _deviceId;
            }
        }

        private set
        {
            lock (_lock)
            {
                _deviceId = value;
            }

            Changed(DeviceResource);
        }
    }

    /// <summary>The device name (<c>n</c> of <c>/oic/d</c>); setting it notifies observers of <c>/oic/d</c>.</summary>
    public string Name
    {
        get
        {
            lock (_lock)
            {
                return _name;
            }
        }

        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            lock (_lock)
            {
                _name = value;
            }

            Changed(DeviceResource);
        }
    }

    /// <summary>The device types, listed before <c>oic.wk.d</c>.</summary>
    public IReadOnlyList<string> DeviceTypes { get; }

    /// <summary>The spec version (<c>icv</c>).</summary>
    public string SpecVersion { get; }

    /// <summary>The data-model version (<c>dmv</c>).</summary>
    public string DataModelVersion { get; }

    /// <summary>The protocol-independent id (<c>piid</c>).</summary>
    public Guid ProtocolIndependentId { get; }

    /// <summary>The endpoints listed in every link's <c>eps</c> (e.g. <c>coaps+tcp://[fe80::1]:5684</c>); empty by default.</summary>
    public IReadOnlyList<string> Endpoints
    {
        get => Volatile.Read(ref _endpoints);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _endpoints, [.. value]);
        }
    }

    /// <summary>The device's plgd time.</summary>
    public PlgdTime PlgdTime { get; }

    /// <summary><c>/oic/res</c>.</summary>
    public OcfResource Discovery { get; }

    /// <summary><c>/oic/d</c>.</summary>
    public OcfResource DeviceResource { get; }

    /// <summary><c>/oic/p</c>.</summary>
    public OcfResource Platform { get; }

    /// <summary><c>/x.plgd.dev/time</c>, or null when disabled.</summary>
    public OcfResource? TimeResource { get; }

    /// <summary><c>ocf://&lt;di&gt;</c>, the anchor of every link.</summary>
    public string Anchor => "ocf://" + DeviceId.ToString("D");

    /// <summary>All resources (core first, then in the order added).</summary>
    public IReadOnlyList<OcfResource> Resources => Volatile.Read(ref _resources);

    /// <summary>Adds a resource; <c>/oic/res</c> observers are told.</summary>
    /// <exception cref="InvalidOperationException">The URI is taken or the resource belongs to a device.</exception>
    public OcfResource AddResource(OcfResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Attach(resource);
        Changed(Discovery);
        return resource;
    }

    /// <summary>Removes an application resource (unpublished from the cloud when the attached cloud manager published it); false when absent or a core resource.</summary>
    public bool RemoveResource(string uri)
    {
        OcfResource? removed = null;
        lock (_lock)
        {
            int index = Array.FindIndex(_resources, r => string.Equals(r.Uri, uri, StringComparison.Ordinal));
            if (index < 0 || IsCore(_resources[index]))
            {
                return false;
            }

            removed = _resources[index];
            removed.Device = null;
            _resources = Array.FindAll(_resources, r => !ReferenceEquals(r, removed));
        }

        _executor.Post(() =>
        {
            foreach (var observer in removed.Observers)
            {
                _ = EndObserverAsync(observer);
            }

            removed.Observers.Clear();
            return ValueTask.CompletedTask;
        });
        Changed(Discovery);
        if (CloudManager is { } manager)
        {
            _ = UnpublishRemovedAsync(manager, removed.Uri);
        }

        return true;
    }

    // A removed resource that was published is unpublished from the cloud (in the background: network I/O).
    private async Task UnpublishRemovedAsync(OcfCloudManager manager, string uri)
    {
        await Task.Yield();
        try
        {
            await manager.UnpublishAsync([uri]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            StackLog.EventHandlerFailed(_logger, "unpublish", ex);
        }
    }

    /// <summary>The resource at <paramref name="uri"/>, or null.</summary>
    public OcfResource? FindResource(string uri)
    {
        foreach (var resource in Resources)
        {
            if (string.Equals(resource.Uri, uri, StringComparison.Ordinal))
            {
                return resource;
            }
        }

        return null;
    }

    /// <summary>Tells observers of the resource at <paramref name="uri"/> (and batch observers) that it changed.</summary>
    /// <returns>False when no such resource.</returns>
    public bool Changed(string uri)
    {
        var resource = FindResource(uri);
        if (resource is null)
        {
            return false;
        }

        Changed(resource);
        return true;
    }

    /// <summary>Tells observers of <paramref name="resource"/> (and batch observers) that it changed; ignored for another device's resource.</summary>
    public void Changed(OcfResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (ReferenceEquals(resource.Device, this))
        {
            _executor.Post(() => NotifyAsync(resource));
        }
    }

    /// <summary>Runs <paramref name="action"/> on the device's executor.</summary>
    public Task InvokeAsync(Action action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _executor.InvokeAsync(
            _ =>
            {
                action();
                return ValueTask.FromResult(true);
            },
            cancellationToken);
    }

    /// <summary>Runs <paramref name="function"/> on the device's executor and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> function, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _executor.InvokeAsync(_ => ValueTask.FromResult(function()), cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on the device's executor; nothing else runs on it until it completes.</summary>
    public Task InvokeAsync(Func<CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _executor.InvokeAsync(
            async ct =>
            {
                await work(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Queues <paramref name="action"/> on the executor without waiting (a failure is logged).</summary>
    /// <returns>False when the device has stopped.</returns>
    public bool Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _executor.Post(() =>
        {
            action();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Queues <paramref name="work"/> on the executor without waiting; nothing else runs on it until the
    /// returned task completes (a failure is logged). Work already on the executor must not wait for it.
    /// </summary>
    /// <returns>False when the device has stopped.</returns>
    public bool Post(Func<ValueTask> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _executor.Post(work);
    }

    /// <summary>True when the caller runs on this device's executor.</summary>
    public bool IsOnExecutor => _executor.IsCurrent;

    /// <summary>
    /// Factory reset, as one work item on the executor (never in the middle of another update):
    /// <see cref="OcfStack.Resetting"/>, the registered reset handlers (stop cloud and DPS work there),
    /// then pstat RESET: credentials, ACEs (the bootstrap ACE comes back), doxm, sdi and the cloud
    /// configuration cleared, a new random device id and a new key pair (plgd time is kept), then
    /// <see cref="OcfStack.FactoryPresets"/> (re-install the manufacturer credentials), RFOTM, and
    /// <see cref="OcfStack.ResetCompleted"/>.
    /// </summary>
    public Task ResetAsync(CancellationToken cancellationToken = default) =>
        _executor.InvokeAsync(
            async ct =>
            {
                await Stack.RunResetAsync(this, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"OcfDevice {Index} {DeviceId:D} \"{Name}\"";

    internal ValueTask StopAsync() => _executor.StopAsync();

    private bool IsCore(OcfResource resource) =>
        ReferenceEquals(resource, Discovery) || ReferenceEquals(resource, DeviceResource)
        || ReferenceEquals(resource, Platform) || ReferenceEquals(resource, TimeResource)
        || Array.IndexOf(_securityResources, resource) >= 0;

    private void AttachCore(OcfResource resource) => Attach(resource);

    private void Attach(OcfResource resource)
    {
        lock (_lock)
        {
            if (resource.Device is not null)
            {
                throw new InvalidOperationException($"{resource.Uri} already belongs to a device.");
            }

            if (Array.Exists(_resources, r => string.Equals(r.Uri, resource.Uri, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"The device already has a resource at {resource.Uri}.");
            }

            resource.Device = this;
            _resources = [.. _resources, resource];
        }
    }
}
