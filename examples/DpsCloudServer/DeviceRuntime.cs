using System.Formats.Cbor;
using Dps.Client;
using Dps.Client.Ocf;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Security;
using DpsCloudServer.Dhcp;
using DpsCloudServer.Gpio;
using DpsCloudServer.Output;
using DpsCloudServer.Pki;
using DpsCloudServer.Signals;
using Microsoft.Extensions.Logging;

namespace DpsCloudServer;

/// <summary>
/// The device part of <c>dps_cloud_server</c>: an <see cref="OcfStack"/> with one device joined to
/// its DPS client and cloud manager (<see cref="OcfStackDpsExtensions.AddDps"/>).
/// </summary>
internal static class DeviceRuntime
{
    /// <summary>
    /// Runs the device until <paramref name="cancellationToken"/> (SIGINT/SIGTERM) is cancelled and
    /// returns the exit code.
    /// <para>
    /// The runtime (PROTOCOL.md §6):
    /// 1. create the storage directory <see cref="CloudServerOptions.StorageDirectory"/> and the stack
    ///    with one device (name <see cref="CloudServerOptions.DeviceName"/>, manufacturer
    ///    <c>ocfcloud.com</c>, type <c>oic.d.cloudDevice</c>, spec <c>ocf.2.0.5</c>, data model
    ///    <c>ocf.res.1.3.0</c>; resources <c>/light/1</c>, <c>/switches</c>, <c>/oc/con</c>, all
    ///    published; <c>/plgd/dps</c> when <see cref="CloudServerOptions.CreateConfigurationResource"/>);
    ///    loggers from <paramref name="loggerFactory"/>;
    /// 2. the factory-presets hook (first boot and every reset), skipped while
    ///    <c>options.WaitForReset &amp;&amp; !signals.ResetReceived</c>: on-factory-reset, restore the
    ///    name, apply <see cref="CloudServerOptions.ToDpsClientOptions"/>, install
    ///    <paramref name="credentials"/> (<c>TrustAnchors</c> as mfgtrustca, <c>Identity</c> as mfgcert,
    ///    security profile black), force reprovision, start the DPS manager;
    /// 3. <c>reporter.ReportStartedDevice(deviceId)</c> after the stack has started;
    /// 4. status events → <see cref="ConsoleReporter.ReportDpsStatus"/> and
    ///    <see cref="ConsoleReporter.ReportCloudStatus"/> (with the token lifetime of the cloud
    ///    configuration on <c>-Token Expiry</c>), and to the status LED when there is one;
    /// 5. with <see cref="CloudServerOptions.DhcpEnabled"/>: a <see cref="DhcpLeasesPoller"/> on
    ///    <see cref="CloudServerOptions.DhcpLeasesFile"/> (after the boot presets, again after each
    ///    reset); on <c>OptionsChanged</c> apply <see cref="DpsContext.SetValuesFromVendorEncapsulatedOptionsAsync"/>;
    ///    on NeedReprovision force reprovision and restart the manager (not while waiting for a reset);
    /// 6. unless <see cref="CloudServerOptions.WaitForReset"/>: configure and start the DPS manager; if it
    ///    did not start because there is no endpoint, start the cloud manager when a stored cloud
    ///    configuration with a token exists;
    /// 7. <see cref="SignalListener.ResetRequested"/> (SIGHUP, or the reset button held 3 s) → factory
    ///    reset of the device (re-runs step 2);
    /// 8. on cancellation: DPS shutdown, cloud manager stop, stack shutdown; return
    ///    <see cref="ExitCodes.Success"/>.
    /// </para>
    /// </summary>
    public static async Task<int> RunDeviceAsync(
        CloudServerOptions options,
        ManufacturerCredentials credentials,
        ConsoleReporter reporter,
        SignalListener signals,
        ILoggerFactory loggerFactory,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(error);
        cancellationToken.ThrowIfCancellationRequested();

        reporter.ReportEndpoints(options.Endpoints);
        Directory.CreateDirectory(options.StorageDirectory);
        var stackOptions = new OcfStackOptions
        {
            StorageDirectory = options.StorageDirectory,
            Manufacturer = "ocfcloud.com",
            Device = new OcfDeviceOptions
            {
                Name = options.DeviceName,
                DeviceTypes = [OcfResourceTypes.CloudDevice],
                SpecVersion = OcfDeviceOptions.DefaultSpecVersion,
                DataModelVersion = OcfDeviceOptions.DefaultDataModelVersion,
            },
        };
        var stack = new OcfStack(stackOptions, TimeProvider.System, loggerFactory);
        await using var stackScope = stack.ConfigureAwait(false);
        var device = stack.GetDevice(0);
        AddApplicationResources(device);
        var dpsOptions = options.ToDpsClientOptions();
        var dps = stack.AddDps(
            0,
            dpsOptions,
            new DpsContextOptions { Logger = loggerFactory.CreateLogger("Dps.Client") },
            loggerFactory: loggerFactory);
        await using var dpsScope = dps.ConfigureAwait(false);

        using var gpio = GpioBoard.TryOpen(options, error);
        using var blinker = gpio is { HasStatusLed: true } ? new StatusLedBlinker(gpio, TimeProvider.System) : null;
        var indicator = blinker is null ? null : new StatusIndicator(blinker, options.WaitForReset);
        dps.Context.StatusChanged += (_, e) =>
        {
            reporter.ReportDpsStatus(e.Status);
            indicator?.OnDpsStatus(e.Status);
        };
        dps.CloudManager.StatusChanged += (_, e) =>
        {
            long? expiry = (e.Status & CloudStatus.TokenExpiry) != 0 ? dps.CloudManager.GetConfiguration().ExpiresIn : null;
            reporter.ReportCloudStatus(e.Status, expiry);
            indicator?.OnCloudStatus(e.Status);
        };

        stack.FactoryPresets = async (presetDevice, token) =>
        {
            if (options.WaitForReset && !signals.ResetReceived)
            {
                return;
            }

            InstallManufacturerCredentials(stack, presetDevice.Index, credentials);
            try
            {
                foreach (var endpoint in dpsOptions.Endpoints)
                {
                    await dps.Context.AddEndpointAsync(endpoint.Uri, endpoint.Name, token).ConfigureAwait(false);
                }

                dps.Context.ForceReprovision();
                dps.Context.Start();
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGINT/SIGTERM arrived while the presets ran: the device is shutting down.
            }
        };

        using var dhcp = options.DhcpEnabled
            ? new DhcpLeasesPoller(options.DhcpLeasesFile, TimeProvider.System, loggerFactory.CreateLogger<DhcpLeasesPoller>())
            : null;
        var runtimeLogger = loggerFactory.CreateLogger(typeof(DeviceRuntime).FullName!);
        if (dhcp is not null)
        {
            dhcp.OptionsChanged += (_, e) => _ = ApplyDhcpOptionsAsync(dps.Context, e.Options, options, signals, runtimeLogger, cancellationToken);
        }

        signals.ResetRequested += (_, _) => stack.ResetDevice(0);
        stack.ResetCompleted += (_, e) =>
        {
            reporter.ReportStartedDevice(e.Device.DeviceId.ToString("D"));
            indicator?.OnReset();
            // The reset cleared the endpoints: the leases file applies again.
            dhcp?.Reapply();
        };
        reporter.ReportStartedDevice(device.DeviceId.ToString("D"));

        using var button = gpio is { HasResetButton: true } ? new ResetButtonWatcher(gpio, TimeProvider.System) : null;
        if (button is not null)
        {
            button.HoldCompleted += (_, _) => signals.RequestReset("reset button");
            button.Start();
        }

        // After the boot presets (queued first on the device executor) installed the credentials.
        await device.InvokeAsync(static () => { }, cancellationToken).ConfigureAwait(false);
        if (!options.WaitForReset)
        {
            dps.Context.Start();
        }
        dhcp?.Start();

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGINT/SIGTERM: orderly stop below (DPS, cloud manager, stack).
        }

        await dps.Context.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Success;
    }

#pragma warning disable CA1031 // Runs detached from the poller: every failure is logged here.
    private static async Task ApplyDhcpOptionsAsync(
        DpsContext context,
        ReadOnlyMemory<byte> vendorOptions,
        CloudServerOptions options,
        SignalListener signals,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await context.SetValuesFromVendorEncapsulatedOptionsAsync(vendorOptions, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("DHCP: vendor-encapsulated-options applied: {Result}, endpoint {Endpoint}",
                result, context.SelectedEndpoint?.Uri ?? "(none)");
            if (result == DpsDhcpSetValuesResult.NeedReprovision && (!options.WaitForReset || signals.ResetReceived))
            {
                context.ForceReprovision();
                await context.RestartAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "DHCP: applying vendor-encapsulated-options failed");
        }
    }
#pragma warning restore CA1031

    private static void InstallManufacturerCredentials(OcfStack stack, int deviceIndex, ManufacturerCredentials credentials)
    {
        foreach (var anchor in credentials.TrustAnchors)
        {
            stack.AddTrustAnchor(deviceIndex, PemCertificates.ToPem(anchor), manufacturer: true);
        }

        using (var key = credentials.Identity.GetPrivateKey())
        {
            stack.AddManufacturerCertificate(deviceIndex, PemCertificates.ToPem(credentials.Identity.Chain), EcKeys.ToPkcs8Pem(key));
        }

        stack.SetSecurityProfile(deviceIndex, OcfSecurityProfile.Black);
    }

    private static void AddApplicationResources(OcfDevice device)
    {
        var state = false;
        var light = new OcfResource("/light/1", ["core.light"], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline]);
        light.OnGet(_ =>
        {
            var writer = new CborWriter();
            writer.WriteStartMap(1);
            writer.WriteTextString("state");
            writer.WriteBoolean(Volatile.Read(ref state));
            writer.WriteEndMap();
            return OcfResponse.FromWriter(CoapCode.Content, writer);
        });
        light.OnPost(_ => OcfResponse.Changed());
        device.AddResource(light);
        device.AddResource(new OcfResource("/switches", ["oic.wk.col"], [OcfInterfaces.LinkList, OcfInterfaces.Baseline]));
        device.AddResource(new OcfResource("/oc/con", ["oic.wk.con"], [OcfInterfaces.ReadWrite, OcfInterfaces.Baseline]));
    }
}
