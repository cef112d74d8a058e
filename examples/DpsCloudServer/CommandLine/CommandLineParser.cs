using System.Globalization;
using Dps.Client;
using Dps.Coap;

namespace DpsCloudServer.CommandLine;

/// <summary>
/// Parses <c>dps_cloud_server [options] [device-name] [endpoint]</c> the way getopt_long does:
/// <c>--name value</c> and <c>--name=value</c>, <c>-e value</c> and <c>-e10</c>, bundled flags
/// (<c>-cn</c>), options and arguments in any order, <c>--</c> ends the options.
/// </summary>
internal static class CommandLineParser
{
    /// <summary>The program name used in messages and help.</summary>
    public const string ProgramName = "dps_cloud_server";

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The arguments without the program name.</param>
    /// <param name="isPrivileged">Whether the process runs as root (needed by <c>--set-system-time</c>).</param>
    public static CommandLineResult Parse(IReadOnlyList<string> args, bool isPrivileged)
    {
        ArgumentNullException.ThrowIfNull(args);
        var state = new ParseState();
        try
        {
            var positionals = new List<string>();
            var onlyPositionals = false;
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (onlyPositionals || arg.Length < 2 || arg[0] != '-')
                {
                    positionals.Add(arg);
                    continue;
                }
                if (arg == "--")
                {
                    onlyPositionals = true;
                    continue;
                }
                var help = arg[1] == '-'
                    ? ParseLong(args, ref i, state)
                    : ParseShortCluster(args, ref i, state);
                if (help)
                {
                    return CommandLineResult.HelpRequested();
                }
            }
            ApplyPositionals(positionals, state);
            if (state.SetSystemTime && !isPrivileged)
            {
                throw new CommandLineException(
                    $"option {CommandLineOptions.SetSystemTime.DisplayName} needs root (the system clock is set with settimeofday).");
            }
            return CommandLineResult.Success(state.Build());
        }
        catch (CommandLineException ex)
        {
            return CommandLineResult.Failure(ex.Message);
        }
    }

    // Returns true when the option was --help.
    private static bool ParseLong(IReadOnlyList<string> args, ref int index, ParseState state)
    {
        var arg = args[index];
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? arg[2..] : arg[2..equals];
        var option = CommandLineOptions.FindLong(name)
            ?? throw new CommandLineException($"unknown option '--{name}'.");
        string? value = null;
        if (option.TakesValue)
        {
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (index + 1 < args.Count)
            {
                value = args[++index];
            }
            else
            {
                throw new CommandLineException($"option --{option.LongName} needs a value <{option.ValueName}>.");
            }
        }
        else if (equals >= 0)
        {
            throw new CommandLineException($"option --{option.LongName} takes no value.");
        }
        return Apply(option, value, state);
    }

    // Returns true when one of the options was -h.
    private static bool ParseShortCluster(IReadOnlyList<string> args, ref int index, ParseState state)
    {
        var arg = args[index];
        for (var j = 1; j < arg.Length; j++)
        {
            var option = CommandLineOptions.FindShort(arg[j])
                ?? throw new CommandLineException($"unknown option '-{arg[j]}'.");
            if (!option.TakesValue)
            {
                if (Apply(option, null, state))
                {
                    return true;
                }
                continue;
            }
            string value;
            if (j + 1 < arg.Length)
            {
                value = arg[(j + 1)..];
            }
            else if (index + 1 < args.Count)
            {
                value = args[++index];
            }
            else
            {
                throw new CommandLineException($"option -{option.ShortName} needs a value <{option.ValueName}>.");
            }
            return Apply(option, value, state);
        }
        return false;
    }

    private static bool Apply(CommandLineOption option, string? value, ParseState state)
    {
        switch (option.LongName)
        {
            case "help":
                return true;
            case "create-conf-resource":
                state.CreateConfigurationResource = true;
                break;
            case "expiration-limit":
                state.ExpirationLimitSeconds = ParseInteger(option, value!, 0, DpsClientOptions.MaxExpiringLimitSeconds);
                break;
            case "log-level":
                state.LogLevel = ParseLogLevel(option, value!);
                break;
            case "oc-log-level":
                state.OcLogLevel = ParseLogLevel(option, value!);
                break;
            case "no-verify-ca":
                state.NoVerifyCa = true;
                break;
            case "dhcp-leases-file":
                state.DhcpLeasesFile = RequireNonEmpty(option, value!);
                break;
            case "dhcp-enabled":
                state.DhcpEnabled = true;
                break;
            case "cloud-observer-max-retry":
                state.CloudObserverMaxRetry = ParseInteger(option, value!, 0, DpsCloudObserverConfiguration.MaxMaxCount);
                break;
            case "retry-configuration":
                state.RetryConfiguration = ParseRetryConfiguration(option, value!);
                break;
            case "set-system-time":
                state.SetSystemTime = true;
                break;
            case "wait-for-reset":
                state.WaitForReset = true;
                break;
            case "endpoint":
                state.ExtraEndpoints.Add(ValidateEndpoint($"option {option.DisplayName}", value!));
                break;
            case "pki-dir":
                state.PkiDirectory = RequireNonEmpty(option, value!);
                break;
            case "storage-dir":
                state.StorageDirectory = RequireNonEmpty(option, value!);
                break;
            case "gpio-chip":
                state.GpioChip = ParseInteger(option, value!, 0, 255);
                break;
            case "status-led":
                state.StatusLedPin = ParseInteger(option, value!, 0, 1023);
                break;
            case "reset-button":
                state.ResetButtonPin = ParseInteger(option, value!, 0, 1023);
                break;
            case "selftest-signals":
                state.SelfTestSignals = true;
                break;
            default:
                throw new CommandLineException($"option {option.DisplayName} is not handled.");
        }
        return false;
    }

    private static void ApplyPositionals(List<string> positionals, ParseState state)
    {
        if (positionals.Count > 2)
        {
            throw new CommandLineException(
                $"unexpected argument '{positionals[2]}' (expected at most [device-name] [endpoint]).");
        }
        if (positionals.Count >= 1)
        {
            if (string.IsNullOrWhiteSpace(positionals[0]))
            {
                throw new CommandLineException("the device name must not be empty.");
            }
            state.DeviceName = positionals[0];
        }
        if (positionals.Count == 2)
        {
            // Like the C app: the endpoint argument replaces the default endpoint; "" removes it.
            state.FirstEndpoint = positionals[1].Length == 0
                ? null
                : ValidateEndpoint("endpoint argument", positionals[1]);
        }
    }

    private static int ParseInteger(CommandLineOption option, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new CommandLineException(
                $"option {option.DisplayName}: '{value}' is not a whole number in {min}..{max}.");
        }
        return number;
    }

    private static DpsLogLevel ParseLogLevel(CommandLineOption option, string value)
    {
        if (!DpsLogLevelNames.TryParse(value, out var level))
        {
            throw new CommandLineException(
                $"option {option.DisplayName}: unknown level '{value}' (expected one of {string.Join(", ", DpsLogLevelNames.All)}).");
        }
        return level;
    }

    private static DpsRetryConfiguration ParseRetryConfiguration(CommandLineOption option, string value)
    {
        try
        {
            return DpsRetryConfiguration.Parse(value);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CommandLineException(
                $"option {option.DisplayName}: invalid retry configuration '{value}' (1..{DpsRetryConfiguration.MaxValues} values of 1..{DpsRetryConfiguration.MaxSeconds} seconds, e.g. 1,2,4,8,16).",
                ex);
        }
    }

    private static string RequireNonEmpty(CommandLineOption option, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CommandLineException($"option {option.DisplayName} needs a non-empty <{option.ValueName}>.");
        }
        return value;
    }

    private static string ValidateEndpoint(string what, string uri)
    {
        if (!CoapEndpoint.TryParse(uri, out _, out var error))
        {
            throw new CommandLineException($"{what}: invalid endpoint '{uri}': {error}");
        }
        if (uri.Length > DpsEndpoint.MaxUriLength)
        {
            throw new CommandLineException(
                $"{what}: the endpoint URI is {uri.Length} characters long; at most {DpsEndpoint.MaxUriLength} are allowed.");
        }
        return uri;
    }

    private sealed class ParseState
    {
        public string DeviceName { get; set; } = CloudServerOptions.DefaultDeviceName;

        public string? FirstEndpoint { get; set; } = CloudServerOptions.DefaultEndpoint;

        public List<string> ExtraEndpoints { get; } = [];

        public bool CreateConfigurationResource { get; set; }

        public int? ExpirationLimitSeconds { get; set; }

        public DpsLogLevel LogLevel { get; set; } = DpsLogLevel.Info;

        public DpsLogLevel OcLogLevel { get; set; } = DpsLogLevel.Info;

        public bool NoVerifyCa { get; set; }

        public string DhcpLeasesFile { get; set; } = CloudServerOptions.DefaultDhcpLeasesFile;

        public bool DhcpEnabled { get; set; }

        public int? CloudObserverMaxRetry { get; set; }

        public DpsRetryConfiguration? RetryConfiguration { get; set; }

        public bool SetSystemTime { get; set; }

        public bool WaitForReset { get; set; }

        public string PkiDirectory { get; set; } = CloudServerOptions.DefaultPkiDirectory;

        public string StorageDirectory { get; set; } = CloudServerOptions.DefaultStorageDirectory;

        public int GpioChip { get; set; }

        public int? StatusLedPin { get; set; }

        public int? ResetButtonPin { get; set; }

        public bool SelfTestSignals { get; set; }

        public CloudServerOptions Build()
        {
            List<string> endpoints = FirstEndpoint is null ? [] : [FirstEndpoint];
            endpoints.AddRange(ExtraEndpoints);
            return new CloudServerOptions
            {
                DeviceName = DeviceName,
                Endpoints = endpoints,
                CreateConfigurationResource = CreateConfigurationResource,
                ExpirationLimitSeconds = ExpirationLimitSeconds,
                LogLevel = LogLevel,
                OcLogLevel = OcLogLevel,
                NoVerifyCa = NoVerifyCa,
                DhcpLeasesFile = DhcpLeasesFile,
                DhcpEnabled = DhcpEnabled,
                CloudObserverMaxRetry = CloudObserverMaxRetry,
                RetryConfiguration = RetryConfiguration,
                SetSystemTime = SetSystemTime,
                WaitForReset = WaitForReset,
                PkiDirectory = PkiDirectory,
                StorageDirectory = StorageDirectory,
                GpioChip = GpioChip,
                StatusLedPin = StatusLedPin,
                ResetButtonPin = ResetButtonPin,
                SelfTestSignals = SelfTestSignals,
            };
        }
    }
}
