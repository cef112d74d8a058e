using Dps.Ocf.Internal;

namespace Dps.Ocf.Security;

/// <summary>
/// The stack's default access control: every request from a connection is checked by
/// <see cref="AclEvaluator"/> against the device's <c>/oic/sec/acl2</c>, with the peer UUID from the
/// CN of its TLS certificate, the connection type, the resource's secure and discoverable policy
/// and whether it is a configuration resource (<c>/oic/sec/*</c>, <c>/CoapCloudConfResURI</c>); the
/// device owner (<c>doxm.devowneruuid</c>) may always use configuration resources. Requests made
/// inside the process (no CoAP context) are allowed.
/// </summary>
public sealed class AclAccessControl : IOcfAccessControl
{
    /// <summary>The shared instance (the class has no state).</summary>
    public static AclAccessControl Instance { get; } = new();

    /// <summary>True for the security and configuration resources that ACE wildcards never match.</summary>
    public static bool IsConfigurationResource(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.StartsWith("/oic/sec/", StringComparison.Ordinal)
            || string.Equals(uri, Cloud.CloudConfResource.Href, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public OcfAccessOutcome Decide(OcfRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CoapContext is null)
        {
            return OcfAccessOutcome.Allow;
        }

        var security = request.Device.Security;
        var access = new AccessRequest
        {
            PeerUuid = request.PeerDeviceId?.ToOcfUuid(),
            IsSecureConnection = request.IsSecure,
            Href = request.Resource.Uri,
            IsSecureResource = request.Resource.IsSecure,
            IsDiscoverable = request.Resource.IsDiscoverable,
            IsConfigurationResource = IsConfigurationResource(request.Resource.Uri),
            RequiredPermission = AclEvaluator.RequiredPermission(
                request.Method, observe: request.Method == Dps.Coap.CoapCode.Get && request.CoapContext.IsObserveRegistration),
        };
        return AclEvaluator.Evaluate(security.Acl, access, security.Doxm.DevOwnerUuid) switch
        {
            AccessDecision.Allow => OcfAccessOutcome.Allow,
            AccessDecision.Unauthorized => OcfAccessOutcome.Unauthorized,
            _ => OcfAccessOutcome.Forbidden,
        };
    }
}
