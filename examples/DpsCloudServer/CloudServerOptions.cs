using Dps.Client;

namespace DpsCloudServer;

/// <summary>
/// Everything <c>dps_cloud_server</c> was told on its command line (PROTOCOL.md §6), after
/// validation. Immutable; made by <see cref="CommandLine.CommandLineParser"/>.
/// </summary>
internal sealed class CloudServerOptions
{
    /// <summary>The <c>/oic/d</c> name when none is given.</summary>
    public const string DefaultDeviceName = "dps";

    /// <summary>The endpoint the program always starts with (replaced by the positional endpoint).</summary>
    public const string DefaultEndpoint = "coaps+tcp://127.0.0.1:20030";

    /// <summary>The isc-dhclient lease file polled with <c>--dhcp-enabled</c>.</summary>
    public const string DefaultDhcpLeasesFile = "/var/lib/dhcp/dhclient.leases";

    /// <summary>The storage directory of the device stack, relative to the working directory.</summary>
    public const string DefaultStorageDirectory = "./dps_cloud_server_creds/";

    /// <summary>The name of the certificate folder next to the binary.</summary>
    public const string PkiDirectoryName = "pki_certs";

    /// <summary>The certificate folder when <c>--pki-dir</c> is not given: <c>pki_certs/</c> next to the binary.</summary>
    public static string DefaultPkiDirectory => Path.Combine(AppContext.BaseDirectory, PkiDirectoryName);

    /// <summary>The <c>/oic/d</c> device name, restored after each factory reset.</summary>
    public string DeviceName { get; init; } = DefaultDeviceName;

    /// <summary>
    /// DPS endpoint URIs in order: the default (or the positional endpoint) first, then every
    /// <c>-t/--endpoint</c>. Empty when the positional endpoint is <c>""</c> and no <c>-t</c> is given
    /// (the device then waits to be configured through <c>/plgd/dps</c>).
    /// </summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [DefaultEndpoint];

    /// <summary><c>-c</c>: create the <c>/plgd/dps</c> configuration resource.</summary>
    public bool CreateConfigurationResource { get; init; }

    /// <summary><c>-e</c>: certificate expiring limit in seconds (0–65535); null keeps the library default (3600).</summary>
    public int? ExpirationLimitSeconds { get; init; }

    /// <summary><c>-l</c>: log level of the DPS library (Dps.Client).</summary>
    public DpsLogLevel LogLevel { get; init; } = DpsLogLevel.Info;

    /// <summary><c>--oc-log-level</c>: log level of the device stack (Dps.Ocf, Dps.Coap, Dps.Security).</summary>
    public DpsLogLevel OcLogLevel { get; init; } = DpsLogLevel.Info;

    /// <summary><c>-n</c>: skip verification of the DPS server certificate; <c>dpsca.pem</c> is not loaded.</summary>
    public bool NoVerifyCa { get; init; }

    /// <summary><c>-f</c>: the lease file polled with <see cref="DhcpEnabled"/>.</summary>
    public string DhcpLeasesFile { get; init; } = DefaultDhcpLeasesFile;

    /// <summary><c>-x</c>: poll the lease file every 5 s for <c>vendor-encapsulated-options</c>; <c>dpsca.pem</c> is not loaded.</summary>
    public bool DhcpEnabled { get; init; }

    /// <summary><c>-o</c>: cloud observer max count (0–255, interval 1 s); null keeps the library default.</summary>
    public int? CloudObserverMaxRetry { get; init; }

    /// <summary><c>-r</c>: the DPS retry configuration; null keeps the library default.</summary>
    public DpsRetryConfiguration? RetryConfiguration { get; init; }

    /// <summary><c>-s</c>: plgd time sets the system clock (root required).</summary>
    public bool SetSystemTime { get; init; }

    /// <summary><c>-w</c>: do not provision at start; wait for SIGHUP (factory reset).</summary>
    public bool WaitForReset { get; init; }

    /// <summary><c>--pki-dir</c>: the folder holding <c>dpsca.pem</c>, <c>mfgcrt.pem</c> and <c>mfgkey.pem</c>.</summary>
    public string PkiDirectory { get; init; } = DefaultPkiDirectory;

    /// <summary><c>--storage-dir</c>: the storage directory of the device stack.</summary>
    public string StorageDirectory { get; init; } = DefaultStorageDirectory;

    /// <summary><c>--gpio-chip</c>: the GPIO chip number of <see cref="StatusLedPin"/> and <see cref="ResetButtonPin"/>.</summary>
    public int GpioChip { get; init; }

    /// <summary><c>--status-led</c>: GPIO pin of a status LED, or null for none.</summary>
    public int? StatusLedPin { get; init; }

    /// <summary><c>--reset-button</c>: GPIO pin of a factory-reset button, or null for none.</summary>
    public int? ResetButtonPin { get; init; }

    /// <summary>Hidden <c>--selftest-signals</c>: only exercise signal handling (for tests).</summary>
    public bool SelfTestSignals { get; init; }

    /// <summary>True when <c>dpsca.pem</c> is loaded: neither <c>-n</c> nor <c>-x</c> was given.</summary>
    public bool LoadsTrustAnchor => !NoVerifyCa && !DhcpEnabled;

    /// <summary>
    /// The DPS client options these command-line values stand for (endpoints, retry configuration,
    /// expiring limit, cloud observer, skip-verify, configuration resource). Library defaults are kept
    /// for values that were not given.
    /// </summary>
    public DpsClientOptions ToDpsClientOptions()
    {
        var options = new DpsClientOptions
        {
            SkipVerify = NoVerifyCa,
            CreateConfigurationResource = CreateConfigurationResource,
        };
        foreach (var endpoint in Endpoints)
        {
            options.Endpoints.Add(new DpsEndpoint(endpoint));
        }
        if (RetryConfiguration is not null)
        {
            options.RetryConfiguration = RetryConfiguration;
        }
        if (ExpirationLimitSeconds is { } limit)
        {
            options.ExpiringLimit = TimeSpan.FromSeconds(limit);
        }
        if (CloudObserverMaxRetry is { } maxRetry)
        {
            options.CloudObserver = new DpsCloudObserverConfiguration { MaxCount = maxRetry, Interval = TimeSpan.FromSeconds(1) };
        }
        return options;
    }
}
