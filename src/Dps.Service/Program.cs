using System.Reflection;
using Dps.Service.Cli;
using Dps.Service.Configuration;

namespace Dps.Service;

internal static class Program
{
    /// <summary>Exit code for a bad command line.</summary>
    public const int UsageError = 2;

    private static int Main(string[] args)
    {
        ServiceCommand command;
        try
        {
            command = ServiceCommandLine.Parse(args);
        }
        catch (CommandLineException ex)
        {
            Console.Error.WriteLine($"dps-service: {ex.Message}");
            Console.Error.WriteLine(ServiceCommandLine.Usage);
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
            case ServiceCommandKind.Run:
                return Run(command);
            default:
                // init and mfg-cert need Dps.Security (key and certificate generation); wired by the lead.
                Console.Error.WriteLine($"dps-service: '{args[0]}' is not available in this build yet");
                return 1;
        }
    }

    private static int Run(ServiceCommand command)
    {
        ServiceConfig config;
        try
        {
            config = ServiceConfigLoader.Load(command.ConfigFile);
        }
        catch (ServiceConfigException ex)
        {
            Console.Error.WriteLine($"dps-service: invalid configuration: {ex.Message}");
            return 1;
        }

        // The network listeners (DPS, hub, HTTP) are wired by the lead.
        Console.Error.WriteLine($"dps-service: configuration {config.FilePath} is valid ({config.EnrollmentGroups.Count} enrollment group(s)); listeners are not wired yet");
        return 1;
    }
}
