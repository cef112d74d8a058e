namespace Dps.Service.Records;

/// <summary>The <c>credential</c> section.</summary>
/// <param name="Status">Step outcome.</param>
/// <param name="IdentityCertificatePem">The issued identity chain, or null.</param>
/// <param name="PreSharedKey">The PSK, or null.</param>
/// <param name="TrustCaPem">The trust CA handed out, or null.</param>
internal sealed record CredentialRecord(ProvisioningStatus Status, string? IdentityCertificatePem, PreSharedKeyRecord? PreSharedKey, string? TrustCaPem);
