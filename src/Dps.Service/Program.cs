using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Dps.Security;
using Dps.Service.Cli;
using Dps.Service.Configuration;
using Dps.Service.Hosting;
using Dps.Service.Pki;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Dps.Service;

internal static class Program
{
    /// <summary>Exit code for a bad command line.</summary>
    public const int UsageError = 2;

    private static async Task<int> Main(string[] args)
    {
        ServiceCommand command;
        try
        {
            command = ServiceCommandLine.Parse(args);
        }
        catch (CommandLineException ex)
        {
            await Console.Error.WriteLineAsync($"dps-service: {ex.Message}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync(ServiceCommandLine.Usage).ConfigureAwait(false);
            return UsageError;
        }

        switch (command.Kind)
        {
            case ServiceCommandKind.Help:
                Console.Out.WriteLine(ServiceCommandLine.Usage);
                return 0;
            case ServiceCommandKind.Version:
                Console.Out.WriteLine("dps-service " + (typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0"));
                return 0;
            case ServiceCommandKind.Init:
                return Init(command);
            case ServiceCommandKind.MfgCert:
                return MfgCert(command);
            default:
                return await RunAsync(command).ConfigureAwait(false);
        }
    }

    private static int Init(ServiceCommand command)
    {
        var directory = Path.GetFullPath(command.Directory);
        try
        {
            if (!DevelopmentPki.Initialize(directory, command.Owner, command.Force, TimeProvider.System))
            {
                Console.Out.WriteLine($"dps-service: {Path.Combine(directory, DevelopmentPki.ConfigFileName)} exists; nothing changed (use --force to recreate the setup)");
                return 0;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dps-service: init failed: {ex.Message}");
            return 1;
        }

        Console.Out.WriteLine($"dps-service: wrote {Path.Combine(directory, DevelopmentPki.ConfigFileName)}, the development PKI in {Path.Combine(directory, "pki")} and device credentials in {Path.Combine(directory, DevelopmentPki.DeviceDirectoryName)}");
        Console.Out.WriteLine($"run it with: dps-service run --config {Path.Combine(directory, DevelopmentPki.ConfigFileName)}");
        return 0;
    }

    private static int MfgCert(ServiceCommand command)
    {
        try
        {
            var name = DevelopmentPki.IssueDevice(command.Directory, command.OutputDirectory, command.CommonName, TimeProvider.System);
            Console.Out.WriteLine($"dps-service: wrote the manufacturer certificate '{name}' to {Path.GetFullPath(command.OutputDirectory)}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PemFormatException)
        {
            Console.Error.WriteLine($"dps-service: mfg-cert failed: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(ServiceCommand command)
    {
        ServiceConfig config;
        try
        {
            config = ServiceConfigLoader.Load(command.ConfigFile);
        }
        catch (ServiceConfigException ex)
        {
            await Console.Error.WriteLineAsync($"dps-service: invalid configuration: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("DPS_SERVICE_LOG_LEVEL"), true, out var level) ? level : LogLevel.Information);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        });

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        DpsServiceHost host;
        try
        {
            host = await DpsServiceHost.StartAsync(config, new DpsServiceHostOptions
            {
                DpsAddress = command.DpsListen,
                HubAddress = command.HubListen,
                HttpAddress = command.HttpListen,
                LoggerFactory = loggerFactory,
            }).ConfigureAwait(false);
        }
        catch (ServiceConfigException ex)
        {
            await Console.Error.WriteLineAsync($"dps-service: invalid configuration: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is SocketException or IOException or PemFormatException or UnauthorizedAccessException or CryptographicException or SqliteException)
        {
            await Console.Error.WriteLineAsync($"dps-service: cannot start: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (host.ConfigureAwait(false))
        {
            await Console.Out.WriteLineAsync($"dps: {host.DpsUri}").ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"hub: {host.HubUri}").ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"http: {host.HttpUri}").ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
            await stop.Task.ConfigureAwait(false);
            loggerFactory.CreateLogger("Dps.Service").LogInformation("Stopping: closing connections");
            await host.StopAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
