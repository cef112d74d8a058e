namespace Dps.Service.Tokens;

/// <summary>Claim names and issuer of the tokens the service issues and accepts.</summary>
internal sealed class AccessTokenOptions
{
    /// <summary>The <c>iss</c> claim value.</summary>
    public string Issuer { get; init; } = "dps-service";

    /// <summary>The claim that carries the owner (plgd's <c>authorization.ownerClaim</c>).</summary>
    public string OwnerClaim { get; init; } = "sub";

    /// <summary>The claim that carries the device id, or null to omit it.</summary>
    public string? DeviceIdClaim { get; init; }

    /// <summary>Clock skew tolerated for <c>iat</c> and <c>exp</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.Zero;
}
