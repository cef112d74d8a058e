namespace Dps.Service.Tokens;

/// <summary>The claims of an access token issued or accepted by the service.</summary>
/// <param name="Issuer">The <c>iss</c> claim.</param>
/// <param name="Owner">The owner, carried in the configured owner claim (and in <c>sub</c>).</param>
/// <param name="DeviceId">The device id, carried in the configured device-id claim; null when absent.</param>
/// <param name="IssuedAt">The <c>iat</c> claim.</param>
/// <param name="ExpiresAt">The <c>exp</c> claim.</param>
/// <param name="TokenId">The <c>jti</c> claim.</param>
internal sealed record AccessTokenClaims(
    string Issuer,
    string Owner,
    string? DeviceId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string TokenId);
