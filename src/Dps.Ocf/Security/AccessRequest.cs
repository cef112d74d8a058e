namespace Dps.Ocf.Security;

/// <summary>What an ACL check needs to know about one incoming request.</summary>
public sealed record AccessRequest
{
    /// <summary>The peer's UUID from the CN (<c>uuid:…</c>) of its TLS certificate, or null.</summary>
    public OcfUuid? PeerUuid { get; init; }

    /// <summary>The request came over TLS (conntype <c>auth-crypt</c>); otherwise <c>anon-clear</c>.</summary>
    public bool IsSecureConnection { get; init; }

    /// <summary>The roles the peer asserted (role certificates), if any.</summary>
    public IReadOnlyList<CredRoleId> Roles { get; init; } = [];

    /// <summary>The resource path of the request (without query).</summary>
    public required string Href { get; init; }

    /// <summary>The resource is served only over secured endpoints.</summary>
    public bool IsSecureResource { get; init; }

    /// <summary>The resource is discoverable (listed in <c>/oic/res</c>).</summary>
    public bool IsDiscoverable { get; init; } = true;

    /// <summary>
    /// The resource is a security/configuration resource (SVRs such as <c>/oic/sec/*</c>, and other
    /// device configuration resources); wildcards never match it.
    /// </summary>
    public bool IsConfigurationResource { get; init; }

    /// <summary>The permission the method needs (see <see cref="AclEvaluator.RequiredPermission"/>).</summary>
    public required AcePermission RequiredPermission { get; init; }

    /// <summary>The peer is authenticated: a TLS connection with a peer UUID.</summary>
    public bool IsAuthenticated => IsSecureConnection && PeerUuid is not null;
}
