using Dps.Coap;

namespace Dps.Ocf.Security;

/// <summary>
/// Decides whether a request is allowed by the ACEs of <c>/oic/sec/acl2</c>: the permissions of
/// every matching ACE are combined and must cover the required permission.
/// </summary>
public static class AclEvaluator
{
    /// <summary>
    /// The permission a method needs: GET → RETRIEVE (NOTIFY when observing), POST/PUT → UPDATE
    /// (CREATE when creating), DELETE → DELETE.
    /// </summary>
    public static AcePermission RequiredPermission(CoapCode method, bool observe = false, bool create = false)
    {
        if (method == CoapCode.Get || method == CoapCode.Fetch)
        {
            return observe ? AcePermission.Retrieve | AcePermission.Notify : AcePermission.Retrieve;
        }

        if (method == CoapCode.Post || method == CoapCode.Put)
        {
            return create ? AcePermission.Create : AcePermission.Update;
        }

        return method == CoapCode.Delete ? AcePermission.Delete : AcePermission.Full;
    }

    /// <summary>
    /// Evaluates <paramref name="request"/> against <paramref name="acl"/>. A secured resource asked
    /// for without TLS is denied. The device owner (an authenticated peer whose UUID is
    /// <paramref name="deviceOwner"/>) may always use configuration resources.
    /// </summary>
    /// <returns>Allow, or Unauthorized (4.01) for an unauthenticated peer, Forbidden (4.03) otherwise.</returns>
    public static AccessDecision Evaluate(Acl2 acl, AccessRequest request, OcfUuid deviceOwner = default)
    {
        ArgumentNullException.ThrowIfNull(acl);
        ArgumentNullException.ThrowIfNull(request);
        var denied = request.IsAuthenticated ? AccessDecision.Forbidden : AccessDecision.Unauthorized;
        if (request.IsSecureResource && !request.IsSecureConnection)
        {
            return AccessDecision.Unauthorized;
        }

        if (request.IsAuthenticated && request.IsConfigurationResource && !deviceOwner.IsNil
            && request.PeerUuid == deviceOwner)
        {
            return AccessDecision.Allow;
        }

        var granted = AcePermission.None;
        foreach (var ace in acl.Aces)
        {
            if (SubjectMatches(ace.Subject, request) && ResourcesMatch(ace.Resources, request))
            {
                granted |= ace.Permission;
            }
        }

        return (granted & request.RequiredPermission) == request.RequiredPermission && request.RequiredPermission != AcePermission.None
            ? AccessDecision.Allow
            : denied;
    }

    private static bool SubjectMatches(AceSubject subject, AccessRequest request)
    {
        switch (subject.Kind)
        {
            case AceSubjectKind.ConnectionType:
                return subject.ConnectionType == AceConnectionType.AnonClear || request.IsSecureConnection;
            case AceSubjectKind.Uuid:
                return request.IsAuthenticated
                    && (subject.Uuid.IsWildcard || subject.Uuid == request.PeerUuid);
            default:
                if (!request.IsSecureConnection)
                {
                    return false;
                }

                foreach (var role in request.Roles)
                {
                    if (role.Role == subject.Role && (subject.Authority is null || subject.Authority == role.Authority))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private static bool ResourcesMatch(IReadOnlyList<AceResource> resources, AccessRequest request)
    {
        foreach (var resource in resources)
        {
            if (resource.Href is { } href && HrefEquals(href, request.Href))
            {
                return true;
            }

            if (request.IsConfigurationResource)
            {
                continue;
            }

            bool wildcardMatch = resource.Wildcard switch
            {
                AceWildcard.All => true,
                AceWildcard.AllSecured => request.IsDiscoverable && request.IsSecureResource,
                AceWildcard.AllPublic => request.IsDiscoverable && !request.IsSecureResource,
                _ => false,
            };
            if (wildcardMatch)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HrefEquals(string aceHref, string requestHref)
    {
        var a = aceHref.AsSpan().TrimStart('/');
        var b = requestHref.AsSpan().TrimStart('/');
        int query = b.IndexOf('?');
        if (query >= 0)
        {
            b = b[..query];
        }

        return a.SequenceEqual(b);
    }
}
