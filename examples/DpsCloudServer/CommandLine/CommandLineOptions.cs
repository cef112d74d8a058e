namespace DpsCloudServer.CommandLine;

/// <summary>The table of every option <c>dps_cloud_server</c> accepts (PROTOCOL.md §6 plus ours).</summary>
internal static class CommandLineOptions
{
    public static readonly CommandLineOption Help = new('h', "help", null, "print help and exit");
    public static readonly CommandLineOption CreateConfResource = new('c', "create-conf-resource", null,
        "create DPS configuration resource /plgd/dps (default: off)");
    public static readonly CommandLineOption ExpirationLimit = new('e', "expiration-limit", "s",
        "set certificate expiration limit in seconds, 0..65535 (default: 3600)");
    public static readonly CommandLineOption LogLevel = new('l', "log-level", "level",
        "set runtime log-level of the DPS library (supported values: disabled, trace, debug, info, notice, warning, error; default: info)");
    public static readonly CommandLineOption OcLogLevel = new(null, "oc-log-level", "level",
        "set runtime log-level of the device stack (supported values: disabled, trace, debug, info, notice, warning, error; default: info)");
    public static readonly CommandLineOption NoVerifyCa = new('n', "no-verify-ca", null,
        "skip loading of the DPS certificate authority (dpsca.pem) and skip verification of the DPS server (default: off)");
    public static readonly CommandLineOption DhcpLeasesFile = new('f', "dhcp-leases-file", "path",
        $"path to the dhcp leases file (default: {CloudServerOptions.DefaultDhcpLeasesFile})");
    public static readonly CommandLineOption DhcpEnabled = new('x', "dhcp-enabled", null,
        "pull dhcp leases file every 5sec; skips loading of dpsca.pem (default: off)");
    public static readonly CommandLineOption CloudObserverMaxRetry = new('o', "cloud-observer-max-retry", "n",
        "maximal number of retries by cloud observer before forcing reprovisioning, 0..255 (default: 30)");
    public static readonly CommandLineOption RetryConfiguration = new('r', "retry-configuration", "cfg",
        "retry timeout configuration (array of values 1..255 delimited by ',', maximum of 8 values is accepted; example: 1,2,4,8,16; default: 10,20,40,80,120)");
    public static readonly CommandLineOption SetSystemTime = new('s', "set-system-time", null,
        "use plgd time to set system time (root required; default: off)");
    public static readonly CommandLineOption WaitForReset = new('w', "wait-for-reset", null,
        "don't start right away, but wait for SIGHUP signal (default: off)");
    public static readonly CommandLineOption Endpoint = new('t', "endpoint", "uri",
        "additional endpoint of the DPS service (add multiple times for multiple endpoints)");
    public static readonly CommandLineOption PkiDirectory = new(null, "pki-dir", "dir",
        $"directory with dpsca.pem, mfgcrt.pem and mfgkey.pem (default: {CloudServerOptions.PkiDirectoryName}/ next to the binary)");
    public static readonly CommandLineOption StorageDirectory = new(null, "storage-dir", "dir",
        $"storage directory of the device (default: {CloudServerOptions.DefaultStorageDirectory})");
    public static readonly CommandLineOption GpioChip = new(null, "gpio-chip", "n",
        "GPIO chip of --status-led and --reset-button (default: 0)");
    public static readonly CommandLineOption StatusLed = new(null, "status-led", "pin",
        "GPIO pin of a status LED (default: none)");
    public static readonly CommandLineOption ResetButton = new(null, "reset-button", "pin",
        "GPIO pin of a factory-reset button (default: none)");
    public static readonly CommandLineOption SelfTestSignals = new(null, "selftest-signals", null,
        "print 'ready', wait for SIGHUP, print 'reset requested', wait for SIGINT/SIGTERM, exit 0", Hidden: true);

    /// <summary>Every option, in help order.</summary>
    public static readonly IReadOnlyList<CommandLineOption> All =
    [
        Help, CreateConfResource, ExpirationLimit, LogLevel, OcLogLevel, NoVerifyCa, DhcpLeasesFile, DhcpEnabled,
        CloudObserverMaxRetry, RetryConfiguration, SetSystemTime, WaitForReset, Endpoint, PkiDirectory,
        StorageDirectory, GpioChip, StatusLed, ResetButton, SelfTestSignals,
    ];

    /// <summary>The option with the long name <paramref name="name"/>, or null.</summary>
    public static CommandLineOption? FindLong(string name)
    {
        foreach (var option in All)
        {
            if (string.Equals(option.LongName, name, StringComparison.Ordinal))
            {
                return option;
            }
        }
        return null;
    }

    /// <summary>The option with the short name <paramref name="name"/>, or null.</summary>
    public static CommandLineOption? FindShort(char name)
    {
        foreach (var option in All)
        {
            if (option.ShortName == name)
            {
                return option;
            }
        }
        return null;
    }
}
