using DpsCloudServer.CommandLine;
using DpsCloudServer.Output;
using DpsCloudServer.Pki;
using DpsCloudServer.Signals;
using Microsoft.Extensions.Logging;

namespace DpsCloudServer;

/// <summary>
/// The program from arguments to exit code: parse → signals → certificates → device runtime.
/// Everything it touches is handed in, so tests run it in-process.
/// </summary>
internal static class CloudServerApp
{
    /// <summary>Runs <c>dps_cloud_server</c>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments without the program name.</param>
    /// <param name="output">stdout: help and status blocks.</param>
    /// <param name="error">stderr: error messages.</param>
    /// <param name="signalSource">Where signal handlers are registered.</param>
    /// <param name="isPrivileged">Whether the process runs as root (for <c>--set-system-time</c>).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, IPosixSignalSource signalSource, bool isPrivileged)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(signalSource);

        var parsed = CommandLineParser.Parse(args, isPrivileged);
        if (parsed.ShowHelp)
        {
            await output.WriteAsync(HelpText.Build()).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            return ExitCodes.Success;
        }
        if (parsed.Options is not { } options)
        {
            await error.WriteLineAsync($"{CommandLineParser.ProgramName}: {parsed.Error}").ConfigureAwait(false);
            await error.WriteLineAsync(HelpText.UsageHint).ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var loggerFactory = CloudServerLogging.CreateLoggerFactory(options);
        // Registered before anything slow, so an early SIGHUP/SIGTERM is handled, not fatal.
        using var signals = new SignalListener(signalSource, loggerFactory.CreateLogger<SignalListener>());
        if (options.SelfTestSignals)
        {
            return await SignalSelfTest.RunAsync(signals, output).ConfigureAwait(false);
        }

        ManufacturerCredentials credentials;
        try
        {
            credentials = ManufacturerCredentials.Load(options.PkiDirectory, options.LoadsTrustAnchor);
        }
        catch (PkiLoadException ex)
        {
            await error.WriteLineAsync($"{CommandLineParser.ProgramName}: {ex.Message}").ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        using (credentials)
        {
            var reporter = new ConsoleReporter(output);
            try
            {
                return await DeviceRuntime.RunDeviceAsync(
                    options, credentials, reporter, signals, loggerFactory, error, signals.StopToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (signals.StopToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
        }
    }
}
