namespace Dps.Service.Cli;

/// <summary>The sub-command.</summary>
internal enum ServiceCommandKind
{
    /// <summary>Print usage.</summary>
    Help,

    /// <summary>Print the version.</summary>
    Version,

    /// <summary>Run the DPS, hub gateway and HTTP API.</summary>
    Run,

    /// <summary>Create a development PKI and a configuration file.</summary>
    Init,

    /// <summary>Issue a manufacturer certificate for a device.</summary>
    MfgCert,
}
