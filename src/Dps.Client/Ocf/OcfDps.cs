using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Cloud;

namespace Dps.Client.Ocf;

/// <summary>
/// The DPS client of one stack device joined to its cloud manager (what <c>plgd_dps_init</c> sets
/// up): created by <see cref="OcfStackDpsExtensions.AddDps"/>; disposing it stops both.
/// </summary>
public sealed class OcfDps : IAsyncDisposable
{
    private int _disposed;

    internal OcfDps(OcfDevice device, OcfCloudManager cloudManager, DpsContext context)
    {
        Device = device;
        CloudManager = cloudManager;
        Context = context;
    }

    /// <summary>The provisioned device.</summary>
    public OcfDevice Device { get; }

    /// <summary>The device's cloud manager (DPS starts it once provisioned).</summary>
    public OcfCloudManager CloudManager { get; }

    /// <summary>The DPS client.</summary>
    public DpsContext Context { get; }

    /// <summary>
    /// The <c>/plgd/dps</c> configuration resource on the device (PROTOCOL.md §4.3), or null when
    /// <see cref="DpsClientOptions.CreateConfigurationResource"/> was false.
    /// </summary>
    public OcfResource? ConfigurationResource { get; private set; }

    /// <summary>Stops the DPS client and the cloud manager.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (ConfigurationResource is { } resource)
        {
            Context.StatusChanged -= OnStatusChanged;
            Device.RemoveResource(resource.Uri);
        }

        await Context.DisposeAsync().ConfigureAwait(false);
        await CloudManager.StopAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <c>/plgd/dps</c> (rt <c>x.plgd.dps.conf</c>; baseline (default), r and rw; discoverable,
    /// observable, secure: the ACLs decide who may use it). Observers are told of every status change
    /// and of every accepted POST.
    /// </summary>
    internal void AddConfigurationResource()
    {
        var resource = new OcfResource(
            DpsConfigurationResource.Uri,
            [DpsConfigurationResource.ResourceType],
            [OcfInterfaces.Baseline, OcfInterfaces.ReadOnly, OcfInterfaces.ReadWrite],
            OcfResourcePolicy.Discoverable | OcfResourcePolicy.Observable | OcfResourcePolicy.Secure)
            .OnGet(GetConfigurationAsync)
            .OnPost(PostConfigurationAsync);
        Device.AddResource(resource);
        ConfigurationResource = resource;
        Context.StatusChanged += OnStatusChanged;
    }

    /// <summary>Stops DPS and the cloud during a factory reset, then clears the DPS state (runs on the device executor).</summary>
    internal async ValueTask OnResetAsync(OcfDevice device, CancellationToken cancellationToken)
    {
        if (device != Device || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        await Context.StopAsync(cancellationToken).ConfigureAwait(false);
        await CloudManager.StopAsync(cancellationToken).ConfigureAwait(false);
        await Context.OnFactoryResetAsync(cancellationToken).ConfigureAwait(false);
    }

    private void OnStatusChanged(object? sender, DpsStatusChangedEventArgs e)
    {
        if (ConfigurationResource is { } resource)
        {
            Device.Changed(resource);
        }
    }

    private async ValueTask<OcfResponse> GetConfigurationAsync(OcfRequest request, CancellationToken cancellationToken)
    {
        _ = DpsConfigurationResource.TryParseInterface(request.Interface, out var resourceInterface);
        return new OcfResponse(CoapCode.Content, await Context.EncodeConfigurationAsync(resourceInterface, cancellationToken).ConfigureAwait(false));
    }

    // Runs on the device's executor, so the context applies the POST inline, serialized with every other request.
    private async ValueTask<OcfResponse> PostConfigurationAsync(OcfRequest request, CancellationToken cancellationToken)
    {
        var result = await Context.PostConfigurationAsync(request.Payload, cancellationToken).ConfigureAwait(false);
        _ = DpsConfigurationResource.TryParseInterface(request.Interface, out var resourceInterface);
        var body = await Context.EncodeConfigurationAsync(resourceInterface, cancellationToken).ConfigureAwait(false);
        if (result.Code == CoapCode.Changed)
        {
            Device.Changed(request.Resource);
            if (result.Deregister)
            {
                _ = DeregisterAndResetAsync();
            }
        }

        return new OcfResponse(result.Code, body);
    }

    // §4.3 "endpoint": "": the cloud deregistration is attempted, then the device is factory reset (both off this request).
    private async Task DeregisterAndResetAsync()
    {
        await Task.Yield();
        try
        {
            await CloudManager.DeregisterAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or IOException)
        {
            // Best effort: the reset clears the cloud configuration anyway.
        }

        Device.Stack.ResetDevice(Device.Index);
    }
}
