using System.Net;

namespace Dps.Service.Cli;

/// <summary>A parsed command line.</summary>
internal sealed record ServiceCommand
{
    /// <summary>Default configuration file name.</summary>
    public const string DefaultConfigFile = "dps-service.yaml";

    /// <summary>The sub-command.</summary>
    public required ServiceCommandKind Kind { get; init; }

    /// <summary><c>--config</c>: the configuration file (run, init, mfg-cert).</summary>
    public string ConfigFile { get; init; } = DefaultConfigFile;

    /// <summary><c>--dir</c>: where <c>init</c> writes the PKI and config and where <c>mfg-cert</c> finds them (default: current directory).</summary>
    public string Directory { get; init; } = ".";

    /// <summary><c>--force</c>: <c>init</c> overwrites existing files.</summary>
    public bool Force { get; init; }

    /// <summary><c>--owner</c>: owner of the enrollment group <c>init</c> writes (default <c>1</c>).</summary>
    public string Owner { get; init; } = "1";

    /// <summary><c>--out</c>: where <c>mfg-cert</c> writes the device's files (default <c>pki_certs</c>).</summary>
    public string OutputDirectory { get; init; } = "pki_certs";

    /// <summary><c>--dps-listen</c>: overrides <c>listen.dps</c>.</summary>
    public IPEndPoint? DpsListen { get; init; }

    /// <summary><c>--hub-listen</c>: overrides <c>listen.hub</c>.</summary>
    public IPEndPoint? HubListen { get; init; }

    /// <summary><c>--http-listen</c>: overrides <c>listen.http</c>.</summary>
    public IPEndPoint? HttpListen { get; init; }

    /// <summary><c>--cn</c>: subject CN of the manufacturer certificate (default <c>uuid:&lt;random&gt;</c>).</summary>
    public string? CommonName { get; init; }
}
