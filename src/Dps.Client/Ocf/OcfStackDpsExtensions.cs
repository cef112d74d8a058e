using Dps.Ocf;
using Dps.Ocf.Cloud;
using Microsoft.Extensions.Logging;

namespace Dps.Client.Ocf;

/// <summary>Joins the DPS client to a device of an <see cref="OcfStack"/> (as <c>plgd_dps_init</c>).</summary>
public static class OcfStackDpsExtensions
{
    /// <summary>
    /// Creates the cloud manager of device <paramref name="deviceIndex"/> (the device serves the
    /// cloud's requests and its discoverable resources are published; it owns the device's cloud
    /// configuration, <see cref="OcfDevice.AttachCloudManager"/>), its DPS context and, when
    /// <see cref="DpsClientOptions.CreateConfigurationResource"/>, the <c>/plgd/dps</c> resource, and adds a reset handler that
    /// stops DPS and the cloud and clears the DPS state. Nothing is started: call
    /// <see cref="DpsContext.Start"/> (after the factory presets added the endpoints).
    /// </summary>
    /// <param name="stack">The stack.</param>
    /// <param name="deviceIndex">The device index.</param>
    /// <param name="options">The DPS client options.</param>
    /// <param name="contextOptions">Clock, randomness and logging of the context (the clock is also the cloud manager's); null for defaults.</param>
    /// <param name="cloudOptions">The cloud manager's options (its device index is set); null for defaults.</param>
    /// <param name="loggerFactory">Logger factory of the cloud manager; null for none.</param>
    /// <returns>The joined DPS client and cloud manager; dispose it before the stack.</returns>
    public static OcfDps AddDps(
        this OcfStack stack,
        int deviceIndex,
        DpsClientOptions options,
        DpsContextOptions? contextOptions = null,
        CloudManagerOptions? cloudOptions = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(options);
        var device = stack.GetDevice(deviceIndex);
        var managerOptions = cloudOptions?.Clone() ?? new CloudManagerOptions();
        managerOptions.DeviceIndex = deviceIndex;
        var dpsDevice = new OcfDpsDevice(device);
        var deviceId = OcfUuid.Parse(device.DeviceId.ToString("D"));
        var manager = new OcfCloudManager(
            deviceId,
            stack.Store,
            configuration: null,
            managerOptions,
            dpsDevice.Handler,
            new OcfPublishSource(device),
            contextOptions?.TimeProvider,
            contextOptions?.Random,
            loggerFactory?.CreateLogger<OcfCloudManager>());
        DpsContext? context = null;
        try
        {
            device.AttachCloudManager(manager);
            context = new DpsContext(dpsDevice, new OcfDpsCloudManager(manager), new PlgdTimeSink(device.PlgdTime), options, contextOptions);
            var dps = new OcfDps(device, manager, context);
            if (options.CreateConfigurationResource)
            {
                dps.AddConfigurationResource();
            }

            stack.AddResetHandler(dps.OnResetAsync);
            return dps;
        }
        catch
        {
            context?.Dispose();
            manager.Dispose();
            throw;
        }
    }
}
