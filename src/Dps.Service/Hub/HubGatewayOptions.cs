using Dps.Service.Configuration;

namespace Dps.Service.Hub;

/// <summary>How the hub gateway validates and issues tokens.</summary>
internal sealed record HubGatewayOptions
{
    /// <summary>The claim carrying the owner (must match the DPS tokens).</summary>
    public string OwnerClaim { get; init; } = "sub";

    /// <summary>The claim carrying the device id, or null.</summary>
    public string? DeviceIdClaim { get; init; }

    /// <summary>Lifetime of the access/refresh tokens the gateway issues.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>plgd's <c>ownerCacheExpiration</c>: a sign-in token must outlive twice this (default 1 min → 2 min).</summary>
    public TimeSpan OwnerCacheExpiration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Options for the single hub listener: claim names of the first hub of the first enrollment
    /// group (hubs served by one dps-service should agree on them) and <c>tokens.hubTokenLifetime</c>.
    /// </summary>
    public static HubGatewayOptions FromConfig(ServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var hub = config.EnrollmentGroups[0].Hubs[0];
        return new HubGatewayOptions
        {
            OwnerClaim = hub.OwnerClaim,
            DeviceIdClaim = hub.DeviceIdClaim,
            TokenLifetime = config.Tokens.HubTokenLifetime,
        };
    }
}
