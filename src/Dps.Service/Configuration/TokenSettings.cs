namespace Dps.Service.Configuration;

/// <summary>The <c>tokens</c> section.</summary>
internal sealed record TokenSettings
{
    /// <summary>PEM file of the P-256 key that signs access tokens (<c>signingKeyFile</c>; may not exist yet).</summary>
    public required string SigningKeyFile { get; init; }

    /// <summary>The <c>iss</c> claim (<c>issuer</c>, default <c>dps-service</c>).</summary>
    public string Issuer { get; init; } = "dps-service";

    /// <summary>Lifetime of the <c>at</c> the DPS hands out in cloud-configuration (<c>dpsTokenLifetime</c>, default 1h).</summary>
    public TimeSpan DpsTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of the hub access/refresh tokens from sign-up and refresh (<c>hubTokenLifetime</c>, default 1h).</summary>
    public TimeSpan HubTokenLifetime { get; init; } = TimeSpan.FromHours(1);
}
