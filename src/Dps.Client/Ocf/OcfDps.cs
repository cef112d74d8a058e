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

    /// <summary>Stops the DPS client and the cloud manager.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Context.DisposeAsync().ConfigureAwait(false);
        await CloudManager.StopAsync().ConfigureAwait(false);
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
}
