using System.Net;
using Microsoft.Extensions.Logging;

namespace Dps.Service.Hosting;

/// <summary>Start-up settings of <see cref="DpsServiceHost"/> that are not in the configuration file.</summary>
internal sealed class DpsServiceHostOptions
{
    /// <summary>DPS listen address (<c>--dps-listen</c>); null = the configuration's.</summary>
    public IPEndPoint? DpsAddress { get; init; }

    /// <summary>Hub listen address (<c>--hub-listen</c>); null = the configuration's.</summary>
    public IPEndPoint? HubAddress { get; init; }

    /// <summary>HTTP listen address (<c>--http-listen</c>); null = the configuration's.</summary>
    public IPEndPoint? HttpAddress { get; init; }

    /// <summary>Loggers; null = none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>DPS inactivity close. Default 20 s.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of the <c>/oic/res</c> probe. Default 2 s.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait between a DPS error answer and the close. Default 1 s.</summary>
    public TimeSpan CloseDelay { get; init; } = TimeSpan.FromSeconds(1);
}
