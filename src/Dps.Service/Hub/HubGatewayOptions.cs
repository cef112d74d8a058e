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
}
