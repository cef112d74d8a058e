using System.Net;

namespace Dps.Service.Cli;

/// <summary>Parses <c>dps-service &lt;command&gt; [options]</c>.</summary>
internal static class ServiceCommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: dps-service <command> [options]

        Commands:
          run        Run the DPS, the hub gateway and the HTTP API.
                       --config FILE       configuration file (default dps-service.yaml)
                       --dps-listen A:P    DPS address (default from the file; port 0 = any free port)
                       --hub-listen A:P    hub gateway address (default from the file)
                       --http-listen A:P   HTTP API address (default from the file)
          init       Create a development PKI and a configuration file.
                       --dir DIR        output directory (default .)
                       --owner OWNER    owner of the enrollment group (default 1)
                       --force          overwrite existing files
          mfg-cert   Issue a manufacturer certificate for a device from the development PKI.
                       --dir DIR        directory init wrote (default: the directory of --config, else .)
                       --config FILE    configuration file of the PKI (alternative to --dir)
                       --out DIR        output directory (default pki_certs)
                       --cn NAME        subject common name (default uuid:<random>)
          help       Show this text.   version   Show the version.
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="CommandLineException">Unknown command or option, missing or repeated value.</exception>
    public static ServiceCommand Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            throw new CommandLineException("missing command (run, init, mfg-cert)");
        }

        var kind = args[0] switch
        {
            "run" => ServiceCommandKind.Run,
            "init" => ServiceCommandKind.Init,
            "mfg-cert" => ServiceCommandKind.MfgCert,
            "help" or "--help" or "-h" => ServiceCommandKind.Help,
            "version" or "--version" => ServiceCommandKind.Version,
            _ => throw new CommandLineException($"unknown command '{args[0]}' (expected run, init, mfg-cert, help or version)"),
        };

        string[] allowed = kind switch
        {
            ServiceCommandKind.Run => ["--config", "--dps-listen", "--hub-listen", "--http-listen"],
            ServiceCommandKind.Init => ["--dir", "--owner", "--force"],
            ServiceCommandKind.MfgCert => ["--dir", "--config", "--out", "--cn"],
            _ => [],
        };

        var command = new ServiceCommand { Kind = kind };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? inlineValue = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                name = arg[..eq];
                inlineValue = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
            }

            if (name is "--help" or "-h")
            {
                return new ServiceCommand { Kind = ServiceCommandKind.Help };
            }

            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new CommandLineException(name.StartsWith('-')
                    ? $"{args[0]}: unknown option '{name}'" + (allowed.Length == 0 ? string.Empty : $" (expected {string.Join(", ", allowed)})")
                    : $"{args[0]}: unexpected argument '{arg}'");
            }

            if (!seen.Add(name))
            {
                throw new CommandLineException($"{args[0]}: option '{name}' given twice");
            }

            if (name == "--force")
            {
                if (inlineValue is not null)
                {
                    throw new CommandLineException($"{args[0]}: option '--force' takes no value");
                }

                command = command with { Force = true };
                continue;
            }

            var value = inlineValue;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CommandLineException($"{args[0]}: option '{name}' needs a value");
                }

                value = args[++i];
            }

            if (value.Length == 0)
            {
                throw new CommandLineException($"{args[0]}: option '{name}' needs a non-empty value");
            }

            command = name switch
            {
                "--config" => command with { ConfigFile = value },
                "--dir" => command with { Directory = value },
                "--owner" => command with { Owner = value },
                "--out" => command with { OutputDirectory = value },
                "--cn" => command with { CommonName = value },
                "--dps-listen" => command with { DpsListen = ParseEndPoint(args[0], name, value) },
                "--hub-listen" => command with { HubListen = ParseEndPoint(args[0], name, value) },
                "--http-listen" => command with { HttpListen = ParseEndPoint(args[0], name, value) },
                _ => command,
            };
        }

        if (kind == ServiceCommandKind.MfgCert && !seen.Contains("--dir") && seen.Contains("--config"))
        {
            command = command with { Directory = Path.GetDirectoryName(Path.GetFullPath(command.ConfigFile)) ?? "." };
        }

        return command;
    }

    private static IPEndPoint ParseEndPoint(string verb, string name, string value)
    {
        var candidate = value.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + value["localhost".Length..] : value;
        if (!candidate.Contains(':', StringComparison.Ordinal)
            || candidate.EndsWith(']')
            || !IPEndPoint.TryParse(candidate, out var endPoint)
            || (endPoint.Port == 0 && !candidate.EndsWith(":0", StringComparison.Ordinal)))
        {
            throw new CommandLineException($"{verb}: option '{name}' needs an address like 127.0.0.1:20030 or [::1]:0, not '{value}'");
        }

        return endPoint;
    }
}
