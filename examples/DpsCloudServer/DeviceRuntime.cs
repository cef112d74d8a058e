using DpsCloudServer.Output;
using DpsCloudServer.Pki;
using DpsCloudServer.Signals;
using Microsoft.Extensions.Logging;

namespace DpsCloudServer;

/// <summary>
/// The device part of <c>dps_cloud_server</c>. NOT WIRED YET: the device stack (<c>OcfStack</c>)
/// and the DPS runtime (<c>DpsContext</c>) are being written on other branches; the lead plugs them
/// in here.
/// </summary>
internal static class DeviceRuntime
{
    /// <summary>
    /// Runs the device until <paramref name="cancellationToken"/> (SIGINT/SIGTERM) is cancelled and
    /// returns the exit code.
    /// <para>
    /// TODO(lead): replace the body with the runtime (PROTOCOL.md §6), in this order:
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
    ///    <see cref="ConsoleReporter.ReportCloudStatus"/>;
    /// 5. with <see cref="CloudServerOptions.DhcpEnabled"/>: a <c>Dhcp.DhcpLeasesPoller</c> on
    ///    <see cref="CloudServerOptions.DhcpLeasesFile"/>; on <c>OptionsChanged</c> apply
    ///    <c>DpsDhcp.SetValuesFromVendorEncapsulatedOptions</c>; on NeedReprovision force reprovision
    ///    and restart the manager;
    /// 6. unless <see cref="CloudServerOptions.WaitForReset"/>: configure and start the DPS manager; if it
    ///    did not start because there is no endpoint, start the cloud manager when a stored cloud
    ///    configuration with a token exists;
    /// 7. <see cref="SignalListener.ResetRequested"/> → factory reset of the device (re-runs step 2);
    /// 8. on cancellation: DPS shutdown, cloud manager stop, stack shutdown; return
    ///    <see cref="ExitCodes.Success"/>.
    /// </para>
    /// </summary>
    public static Task<int> RunDeviceAsync(
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

        // Placeholder: nothing is provisioned. Only what is known without the runtime is printed.
        reporter.ReportEndpoints(options.Endpoints);
        error.WriteLine($"{CommandLine.CommandLineParser.ProgramName}: the device runtime is not wired into this build yet; nothing was started.");
        return Task.FromResult(ExitCodes.RuntimeNotWired);
    }
}
