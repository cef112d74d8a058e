namespace Dps.Service.Configuration;

/// <summary>A hub linked to an enrollment group (PROTOCOL §8.1 HubConfig).</summary>
internal sealed record HubSettings
{
    /// <summary>The record id (<c>id</c>, defaults to <c>hubID</c>); sent as <c>sid</c>.</summary>
    public required Guid Id { get; init; }

    /// <summary>The hub (coap-gateway cloud) id (<c>hubID</c>, defaults to <c>id</c>); ACL subject.</summary>
    public required Guid HubId { get; init; }

    /// <summary>Gateway URIs, normalised (<c>coaps+tcp://</c> added when no scheme) and deduplicated, at least one.</summary>
    public required IReadOnlyList<string> Gateways { get; init; }

    /// <summary>The CA that signs identity certificates for this hub (<c>certificateAuthority.certFile/keyFile</c>).</summary>
    public required TlsFiles CertificateAuthority { get; init; }

    /// <summary>PEM of the trust CA handed to devices (<c>caPool</c>), or null = root of the signer chain.</summary>
    public string? CaPoolFile { get; init; }

    /// <summary>The claim carrying the owner (<c>authorization.ownerClaim</c>, default <c>sub</c>).</summary>
    public string OwnerClaim { get; init; } = "sub";

    /// <summary>The claim carrying the device id (<c>authorization.deviceIDClaim</c>), or null.</summary>
    public string? DeviceIdClaim { get; init; }

    /// <summary>The authorization provider name, sent as <c>apn</c> (<c>authorization.provider.name</c>, default <c>plgd</c>).</summary>
    public string ProviderName { get; init; } = "plgd";
}
