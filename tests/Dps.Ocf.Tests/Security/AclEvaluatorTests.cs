using Dps.Coap;
using Dps.Ocf.Security;

namespace Dps.Ocf.Tests.Security;

public sealed class AclEvaluatorTests
{
    private const string Other = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";

    /// <summary>The DPS ACL of PROTOCOL §2.8 plus the bootstrap ACE.</summary>
    private static Acl2 DpsAcl()
    {
        var acl = new Acl2();
        acl.AddBootstrapAces(includeWellKnownCore: false);
        Assert.That(acl.Update(Acl2Tests.SamplePayload(), DeviceOnboardingState.Rfpro).Succeeded, Is.True);
        return acl;
    }

    private static AccessRequest Request(string? peer, bool tls, string href, AcePermission permission, bool secure = true, bool config = false, bool discoverable = true) => new()
    {
        PeerUuid = peer is null ? null : OcfUuid.Parse(peer),
        IsSecureConnection = tls,
        Href = href,
        RequiredPermission = permission,
        IsSecureResource = secure,
        IsConfigurationResource = config,
        IsDiscoverable = discoverable,
    };

    // Owner: everything listed plus all non-config resources.
    [TestCase(TestPki.OwnerUuid, true, "/CoapCloudConfResURI", AcePermission.Update, true, true, AccessDecision.Allow)]
    [TestCase(TestPki.OwnerUuid, true, "/CoapCloudConfResURI", AcePermission.Retrieve | AcePermission.Notify, true, true, AccessDecision.Allow)]
    [TestCase(TestPki.OwnerUuid, true, "/light/1", AcePermission.Delete, true, false, AccessDecision.Allow)]
    [TestCase(TestPki.OwnerUuid, true, "/light/1?if=oic.if.a", AcePermission.Update, true, false, AccessDecision.Allow)]
    [TestCase(TestPki.OwnerUuid, true, "/oic/sec/cred", AcePermission.Retrieve, true, true, AccessDecision.Forbidden)]
    [TestCase(TestPki.OwnerUuid, false, "/light/1", AcePermission.Retrieve, true, false, AccessDecision.Unauthorized)]
    // Hub: its resources and all non-config resources, not the cloud configuration.
    [TestCase(TestPki.HubUuid, true, "/oc/con", AcePermission.Update, true, true, AccessDecision.Allow)]
    [TestCase(TestPki.HubUuid, true, "/switches", AcePermission.Retrieve | AcePermission.Notify, true, false, AccessDecision.Allow)]
    [TestCase(TestPki.HubUuid, true, "/CoapCloudConfResURI", AcePermission.Retrieve, true, true, AccessDecision.Forbidden)]
    // Someone else over TLS: only the anonymous read entries.
    [TestCase(Other, true, "/oic/d", AcePermission.Retrieve, false, false, AccessDecision.Allow)]
    [TestCase(Other, true, "/oic/sec/doxm", AcePermission.Retrieve, false, true, AccessDecision.Allow)]
    [TestCase(Other, true, "/oic/d", AcePermission.Update, false, false, AccessDecision.Forbidden)]
    [TestCase(Other, true, "/light/1", AcePermission.Retrieve, true, false, AccessDecision.Forbidden)]
    [TestCase(Other, true, "/oic/sec/pstat", AcePermission.Retrieve, true, true, AccessDecision.Forbidden)]
    // Anonymous, unsecured.
    [TestCase(null, false, "/oic/res", AcePermission.Retrieve, false, false, AccessDecision.Allow)]
    [TestCase(null, false, "/x.plgd.dev/time", AcePermission.Retrieve, false, false, AccessDecision.Allow)]
    [TestCase(null, false, "/oic/res", AcePermission.Retrieve | AcePermission.Notify, false, false, AccessDecision.Unauthorized)]
    [TestCase(null, false, "/oic/d", AcePermission.Update, false, false, AccessDecision.Unauthorized)]
    [TestCase(null, false, "/oic/d", AcePermission.Delete, false, false, AccessDecision.Unauthorized)]
    [TestCase(null, false, "/light/1", AcePermission.Retrieve, true, false, AccessDecision.Unauthorized)]
    [TestCase(null, false, "/oic/sec/cred", AcePermission.Retrieve, false, true, AccessDecision.Unauthorized)]
    // TLS without a peer UUID counts as unauthenticated.
    [TestCase(null, true, "/light/1", AcePermission.Retrieve, true, false, AccessDecision.Unauthorized)]
    [TestCase(null, true, "/oic/p", AcePermission.Retrieve, false, false, AccessDecision.Allow)]
    public void Evaluate_DpsAcl_Decides(string? peer, bool tls, string href, AcePermission permission, bool secure, bool config, AccessDecision expected)
    {
        var decision = AclEvaluator.Evaluate(DpsAcl(), Request(peer, tls, href, permission, secure, config));

        Assert.That(decision, Is.EqualTo(expected));
    }

    // wildcard × resource secured × discoverable × config → matches
    [TestCase(AceWildcard.All, true, true, false, true)]
    [TestCase(AceWildcard.All, false, true, false, true)]
    [TestCase(AceWildcard.All, true, false, false, true)]
    [TestCase(AceWildcard.All, true, true, true, false)]
    [TestCase(AceWildcard.AllSecured, true, true, false, true)]
    [TestCase(AceWildcard.AllSecured, false, true, false, false)]
    [TestCase(AceWildcard.AllSecured, true, false, false, false)]
    [TestCase(AceWildcard.AllSecured, true, true, true, false)]
    [TestCase(AceWildcard.AllPublic, false, true, false, true)]
    [TestCase(AceWildcard.AllPublic, true, true, false, false)]
    [TestCase(AceWildcard.AllPublic, false, false, false, false)]
    [TestCase(AceWildcard.AllPublic, false, true, true, false)]
    public void Evaluate_Wildcard_MatchesItsResources(AceWildcard wildcard, bool secure, bool discoverable, bool config, bool allowed)
    {
        var acl = new Acl2();
        acl.Add(new Ace
        {
            Subject = AceSubject.ForConnectionType(AceConnectionType.AuthCrypt),
            Permission = AcePermission.Full,
            Resources = [AceResource.ForWildcard(wildcard)],
        });

        var decision = AclEvaluator.Evaluate(acl, Request(Other, true, "/r", AcePermission.Retrieve, secure, config, discoverable));

        Assert.That(decision, Is.EqualTo(allowed ? AccessDecision.Allow : AccessDecision.Forbidden));
    }

    // subject kind × connection
    [TestCase(AceConnectionType.AnonClear, false, AccessDecision.Allow)]
    [TestCase(AceConnectionType.AnonClear, true, AccessDecision.Allow)]
    [TestCase(AceConnectionType.AuthCrypt, true, AccessDecision.Allow)]
    [TestCase(AceConnectionType.AuthCrypt, false, AccessDecision.Unauthorized)]
    public void Evaluate_ConnectionTypeSubject_MatchesConnections(AceConnectionType type, bool tls, AccessDecision expected)
    {
        var acl = new Acl2();
        acl.Add(new Ace
        {
            Subject = AceSubject.ForConnectionType(type),
            Permission = AcePermission.Retrieve,
            Resources = [AceResource.ForHref("/r")],
        });

        var decision = AclEvaluator.Evaluate(acl, Request(tls ? Other : null, tls, "/r", AcePermission.Retrieve, secure: false));

        Assert.That(decision, Is.EqualTo(expected));
    }

    [TestCase("admin", "owner", "admin", "owner", AccessDecision.Allow)]
    [TestCase("admin", null, "admin", "someone", AccessDecision.Allow)]
    [TestCase("admin", "owner", "admin", "someone", AccessDecision.Forbidden)]
    [TestCase("admin", null, "user", null, AccessDecision.Forbidden)]
    public void Evaluate_RoleSubject_MatchesAssertedRoles(string aceRole, string? aceAuthority, string role, string? authority, AccessDecision expected)
    {
        var acl = new Acl2();
        acl.Add(new Ace
        {
            Subject = AceSubject.ForRole(aceRole, aceAuthority),
            Permission = AcePermission.Update,
            Resources = [AceResource.ForHref("/r")],
        });
        var request = Request(Other, true, "/r", AcePermission.Update) with { Roles = [new CredRoleId(role, authority)] };

        Assert.That(AclEvaluator.Evaluate(acl, request), Is.EqualTo(expected));
    }

    [Test]
    public void Evaluate_WildcardUuidSubject_MatchesAuthenticatedPeersOnly()
    {
        var acl = new Acl2();
        acl.Add(new Ace
        {
            Subject = AceSubject.ForUuid(OcfUuid.Wildcard),
            Permission = AcePermission.Retrieve,
            Resources = [AceResource.ForHref("/r")],
        });

        Assert.Multiple(() =>
        {
            Assert.That(AclEvaluator.Evaluate(acl, Request(Other, true, "/r", AcePermission.Retrieve)), Is.EqualTo(AccessDecision.Allow));
            Assert.That(AclEvaluator.Evaluate(acl, Request(null, true, "/r", AcePermission.Retrieve)), Is.EqualTo(AccessDecision.Unauthorized));
        });
    }

    [Test]
    public void Evaluate_DeviceOwnerOnConfigurationResource_Allowed()
    {
        var acl = new Acl2();
        var owner = OcfUuid.Parse(TestPki.OwnerUuid);

        Assert.Multiple(() =>
        {
            Assert.That(AclEvaluator.Evaluate(acl, Request(TestPki.OwnerUuid, true, "/oic/sec/cred", AcePermission.Update, config: true), owner), Is.EqualTo(AccessDecision.Allow));
            Assert.That(AclEvaluator.Evaluate(acl, Request(TestPki.OwnerUuid, true, "/light/1", AcePermission.Update), owner), Is.EqualTo(AccessDecision.Forbidden));
            Assert.That(AclEvaluator.Evaluate(acl, Request(TestPki.OwnerUuid, false, "/oic/sec/cred", AcePermission.Update, secure: false, config: true), owner), Is.EqualTo(AccessDecision.Unauthorized));
        });
    }

    [Test]
    public void Evaluate_EmptyAcl_DeniesByAuthentication()
    {
        var acl = new Acl2();

        Assert.Multiple(() =>
        {
            Assert.That(AclEvaluator.Evaluate(acl, Request(Other, true, "/r", AcePermission.Retrieve)), Is.EqualTo(AccessDecision.Forbidden));
            Assert.That(AclEvaluator.Evaluate(acl, Request(null, false, "/r", AcePermission.Retrieve, secure: false)), Is.EqualTo(AccessDecision.Unauthorized));
        });
    }

    [Test]
    public void Evaluate_PermissionsOfMatchingAces_AreCombined()
    {
        var acl = new Acl2();
        acl.Add(new Ace { Subject = AceSubject.ForConnectionType(AceConnectionType.AnonClear), Permission = AcePermission.Retrieve, Resources = [AceResource.ForHref("/r")] });
        acl.Add(new Ace { Subject = AceSubject.ForUuid(OcfUuid.Parse(Other)), Permission = AcePermission.Notify, Resources = [AceResource.ForWildcard(AceWildcard.All)] });

        var decision = AclEvaluator.Evaluate(acl, Request(Other, true, "/r", AcePermission.Retrieve | AcePermission.Notify));

        Assert.That(decision, Is.EqualTo(AccessDecision.Allow));
    }

    [TestCase(0x01, false, false, AcePermission.Retrieve)]
    [TestCase(0x01, true, false, AcePermission.Retrieve | AcePermission.Notify)]
    [TestCase(0x02, false, false, AcePermission.Update)]
    [TestCase(0x03, false, false, AcePermission.Update)]
    [TestCase(0x02, false, true, AcePermission.Create)]
    [TestCase(0x04, false, false, AcePermission.Delete)]
    public void RequiredPermission_Method_MapsToPermission(int method, bool observe, bool create, AcePermission expected)
    {
        Assert.That(AclEvaluator.RequiredPermission(new CoapCode((byte)method), observe, create), Is.EqualTo(expected));
    }
}
