using System.Net;
using Dps.Service.Faults;

namespace Dps.Service.Configuration;

/// <summary>The validated contents of <c>dps-service.yaml</c>; file paths are absolute.</summary>
internal sealed class ServiceConfig
{
    /// <summary>Default DPS (coaps+tcp) listen address.</summary>
    public static readonly IPEndPoint DefaultDpsAddress = new(IPAddress.Loopback, 20030);

    /// <summary>Default hub gateway (coaps+tcp) listen address.</summary>
    public static readonly IPEndPoint DefaultHubAddress = new(IPAddress.Loopback, 20040);

    /// <summary>Default HTTP API listen address.</summary>
    public static readonly IPEndPoint DefaultHttpAddress = new(IPAddress.Loopback, 20080);

    /// <summary>The configuration file it was read from.</summary>
    public required string FilePath { get; init; }

    /// <summary>The directory relative paths are resolved against.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Where the DPS listens (<c>listen.dps</c>).</summary>
    public IPEndPoint DpsAddress { get; init; } = DefaultDpsAddress;

    /// <summary>Where the hub gateway listens (<c>listen.hub</c>).</summary>
    public IPEndPoint HubAddress { get; init; } = DefaultHubAddress;

    /// <summary>Where the HTTP API listens (<c>listen.http</c>).</summary>
    public IPEndPoint HttpAddress { get; init; } = DefaultHttpAddress;

    /// <summary>Server certificate of the DPS endpoint (<c>tls.dps</c>).</summary>
    public required TlsFiles DpsTls { get; init; }

    /// <summary>Server certificate of the hub endpoint (<c>tls.hub</c>).</summary>
    public required TlsFiles HubTls { get; init; }

    /// <summary>Access token settings (<c>tokens</c>).</summary>
    public required TokenSettings Tokens { get; init; }

    /// <summary>Identity certificate validity (<c>certificates</c>).</summary>
    public required CertificateSettings Certificates { get; init; }

    /// <summary>SQLite file for provisioning records and hub devices (<c>database</c>, default next to the config).</summary>
    public required string DatabaseFile { get; init; }

    /// <summary>The enrollment groups (<c>enrollmentGroups</c>), at least one.</summary>
    public required IReadOnlyList<EnrollmentGroup> EnrollmentGroups { get; init; }

    /// <summary>Faults armed at start (<c>faults</c>).</summary>
    public IReadOnlyList<FaultRule> Faults { get; init; } = [];
}
