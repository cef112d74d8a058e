using Dps.Ocf.Security;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Security;

public sealed class Acl2Tests
{
    private static List<KeyValuePair<string, object?>> Res(string href) => Map(("href", href), ("if", Array("*")));

    private static List<KeyValuePair<string, object?>> OwnerAce() => Map(
        ("permission", 31),
        ("subject", Map(("uuid", TestPki.OwnerUuid))),
        ("resources", Array(
            Res("/CoapCloudConfResURI"), Res("/oic/sec/sp"), Res("/x.plgd.dev/time"), Res("/oc/con"),
            Res("/oc/swu"), Res("/oic/mnt"), Res("/x.plgd.dev/time"), Map(("if", Array("*")), ("wc", "*")))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> AnonAce() => Map(
        ("permission", 2),
        ("subject", Map(("conntype", "anon-clear"))),
        ("resources", Array(Res("/oic/d"), Res("/oic/p"), Res("/oic/res"), Res("/oic/sec/sdi"), Res("/oic/sec/doxm"))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> HubAce() => Map(
        ("permission", 31),
        ("subject", Map(("uuid", TestPki.HubUuid))),
        ("resources", Array(Res("/oc/con"), Res("/oc/swu"), Res("/oic/mnt"), Res("/x.plgd.dev/time"), Map(("if", Array("*")), ("wc", "*")))),
        ("tag", "dps"));

    /// <summary>The response of PROTOCOL §2.8.</summary>
    internal static byte[] SamplePayload(bool indefinite = true) =>
        Encode(Map(("aclist2", Array(OwnerAce(), AnonAce(), HubAce()))), indefinite);

    private static Acl2 Apply(byte[] payload, DeviceOnboardingState state = DeviceOnboardingState.Rfpro)
    {
        var acl = new Acl2();
        var result = acl.Update(payload, state);
        Assert.That(result.Succeeded, Is.True, result.Error);
        return acl;
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Update_Sample_AddsThreeAces(bool indefinite)
    {
        var acl = new Acl2();
        var ids = new List<int>();

        var result = acl.Update(SamplePayload(indefinite), DeviceOnboardingState.Rfpro, ids);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(ids, Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(acl.Aces[0].Subject, Is.EqualTo(AceSubject.ForUuid(OcfUuid.Parse(TestPki.OwnerUuid))));
            Assert.That(acl.Aces[0].Permission, Is.EqualTo(AcePermission.Full));
            Assert.That(acl.Aces[0].Resources, Has.Count.EqualTo(8));
            Assert.That(acl.Aces[0].Resources[7], Is.EqualTo(AceResource.ForWildcard(AceWildcard.All)));
            Assert.That(acl.Aces[1].Subject, Is.EqualTo(AceSubject.ForConnectionType(AceConnectionType.AnonClear)));
            Assert.That(acl.Aces[1].Permission, Is.EqualTo(AcePermission.Retrieve));
            Assert.That(acl.Aces[2].Subject.Uuid.ToString(), Is.EqualTo(TestPki.HubUuid));
            Assert.That(acl.HasTag("dps"), Is.True);
        });
    }

    private static IEnumerable<TestCaseData> RejectedVariants()
    {
        yield return new TestCaseData(Map(("rowneruuid", TestPki.OwnerUuid), ("aclist2", Array(AnonAce())))).SetName("Update_RowneruuidInRfpro_Rejected");
        yield return Variant("Validity", AnonAce(), ("validity", Array()));
        yield return Variant("UnknownAceKey", AnonAce(), ("x", 1));
        yield return Variant("PermissionTooLarge", AnonAce(), ("permission", 65536));
        yield return Variant("PermissionNegative", AnonAce(), ("permission", -1));
        yield return Variant("PermissionText", AnonAce(), ("permission", "2"));
        yield return Variant("AceIdZero", AnonAce(), ("aceid", 0));
        yield return Variant("HrefNotText", AnonAce(), ("href", 3));
        yield return Variant("SubjectMissing", AnonAce(), ("subject", null));
        yield return Variant("SubjectEmpty", AnonAce(), ("subject", Map()));
        yield return Variant("SubjectNotMap", AnonAce(), ("subject", "anon-clear"));
        yield return Variant("SubjectUuidInvalid", AnonAce(), ("subject", Map(("uuid", "owner"))));
        yield return Variant("SubjectConntypeInvalid", AnonAce(), ("subject", Map(("conntype", "anon-crypt"))));
        yield return Variant("SubjectUuidAndConntype", AnonAce(), ("subject", Map(("uuid", TestPki.OwnerUuid), ("conntype", "auth-crypt"))));
        yield return Variant("SubjectUuidAndRole", AnonAce(), ("subject", Map(("uuid", TestPki.OwnerUuid), ("role", "admin"))));
        yield return Variant("SubjectRoleAndConntype", AnonAce(), ("subject", Map(("role", "admin"), ("conntype", "auth-crypt"))));
        yield return Variant("SubjectAuthorityOnly", AnonAce(), ("subject", Map(("authority", "x"))));
        yield return Variant("SubjectUnknownKey", AnonAce(), ("subject", Map(("conntype", "anon-clear"), ("x", 1))));
        yield return Variant("ResourceRt", AnonAce(), ("resources", Array(Map(("href", "/oic/d"), ("rt", Array("oic.wk.d"))))));
        yield return Variant("ResourceWildcardInvalid", AnonAce(), ("resources", Array(Map(("wc", "x")))));
        yield return Variant("ResourceHrefNotText", AnonAce(), ("resources", Array(Map(("href", 1)))));
        yield return Variant("ResourceNotMap", AnonAce(), ("resources", Array("/oic/d")));
        yield return Variant("ResourcesNotArray", AnonAce(), ("resources", Map()));
        yield return new TestCaseData(Map(("aclist2", Map()))).SetName("Update_AclistNotArray_Rejected");
    }

    private static TestCaseData Variant(string name, List<KeyValuePair<string, object?>> ace, params (string Key, object? Value)[] changes)
    {
        foreach (var (key, value) in changes)
        {
            ace.RemoveAll(e => e.Key == key);
            if (value is not null)
            {
                ace.Add(new(key, value));
            }
        }

        return new TestCaseData(Map(("aclist2", Array(OwnerAce(), ace)))).SetName("Update_" + name + "_Rejected");
    }

    [TestCaseSource(nameof(RejectedVariants))]
    public void Update_InvalidVariant_RejectedWithStateUnchanged(List<KeyValuePair<string, object?>> payload)
    {
        var acl = Apply(SamplePayload());
        byte[] before = acl.Encode();

        foreach (bool indefinite in new[] { false, true })
        {
            var result = acl.Update(Encode(payload, indefinite), DeviceOnboardingState.Rfpro);

            Assert.Multiple(() =>
            {
                Assert.That(result.Succeeded, Is.False);
                Assert.That(acl.Encode(), Is.EqualTo(before));
            });
        }
    }

    [Test]
    public void Update_ToleratedShapes_Accepted()
    {
        var payload = Map(("rt", Array("oic.r.acl2")), ("aclist2", Array(
            Map(("permission", 2), ("subject", Map(("conntype", "auth-crypt"))), ("resources", null), ("href", "/ignored")),
            Map(("permission", 6), ("subject", Map(("role", "admin"), ("authority", "owner"))), ("resources", Array())),
            Map(("permission", 2), ("subject", Map(("uuid", "*"))), ("resources", Array(Map(("wc", "+")), Map(("wc", "-"))))))));

        var acl = Apply(Encode(payload, indefinite: true));

        Assert.Multiple(() =>
        {
            Assert.That(acl.Aces, Has.Count.EqualTo(3));
            Assert.That(acl.Aces[0].Resources, Is.Empty);
            Assert.That(acl.Aces[1].Subject, Is.EqualTo(AceSubject.ForRole("admin", "owner")));
            Assert.That(acl.Aces[2].Subject.Uuid.IsWildcard, Is.True);
            Assert.That(acl.Aces[2].Resources.Select(r => r.Wildcard), Is.EqualTo(new[] { AceWildcard.AllSecured, AceWildcard.AllPublic }));
        });
    }

    [Test]
    public void Update_RowneruuidInRfotm_SetsOwner()
    {
        var acl = Apply(Encode(Map(("rowneruuid", TestPki.OwnerUuid))), DeviceOnboardingState.Rfotm);

        Assert.That(acl.ResourceOwner.ToString(), Is.EqualTo(TestPki.OwnerUuid));
    }

    [Test]
    public void Update_ExistingAceId_ReplacesAce()
    {
        var acl = Apply(SamplePayload());
        var replacement = AnonAce();
        replacement.Add(new("aceid", 1));

        var result = acl.Update(Encode(Map(("aclist2", Array(replacement)))), DeviceOnboardingState.Rfpro);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(acl.Aces, Has.Count.EqualTo(3));
            Assert.That(acl.Find(1)!.Permission, Is.EqualTo(AcePermission.Retrieve));
        });
    }

    [Test]
    public void RetagAndRemoveTagged_DpsFlow_KeepsNewAcesAndBootstrap()
    {
        var acl = new Acl2();
        int bootstrap = acl.AddBootstrapAces(includeWellKnownCore: false);
        Assert.That(acl.Update(SamplePayload(), DeviceOnboardingState.Rfpro).Succeeded, Is.True);

        int retagged = acl.Retag(OcfSecurityNames.DpsTag, OcfSecurityNames.DpsStaleTag);
        bool applied = acl.Update(SamplePayload(), DeviceOnboardingState.Rfpro).Succeeded;
        int removed = acl.RemoveTagged(OcfSecurityNames.DpsStaleTag);

        Assert.Multiple(() =>
        {
            Assert.That(retagged, Is.EqualTo(3));
            Assert.That(applied, Is.True);
            Assert.That(removed, Is.EqualTo(3));
            Assert.That(acl.Aces.Select(a => a.AceId), Is.EqualTo(new[] { bootstrap, 5, 6, 7 }));
            Assert.That(acl.HasTag("dps"), Is.True);
        });
    }

    [TestCase(false, new[] { "/oic/res", "/oic/d", "/oic/p", "/x.plgd.dev/time" })]
    [TestCase(true, new[] { "/oic/res", "/oic/d", "/oic/p", "/.well-known/core", "/x.plgd.dev/time" })]
    public void AddBootstrapAces_OwnDevice_AnonymousRetrieve(bool wellKnownCore, string[] hrefs)
    {
        var acl = new Acl2();

        acl.AddBootstrapAces(wellKnownCore);

        Assert.Multiple(() =>
        {
            Assert.That(acl.Aces, Has.Count.EqualTo(1));
            Assert.That(acl.Aces[0].Subject, Is.EqualTo(AceSubject.ForConnectionType(AceConnectionType.AnonClear)));
            Assert.That(acl.Aces[0].Permission, Is.EqualTo(AcePermission.Retrieve));
            Assert.That(acl.Aces[0].Resources.Select(r => r.Href), Is.EqualTo(hrefs));
            Assert.That(acl.HasTag("dps"), Is.False);
        });
    }

    [Test]
    public void Encode_StoreForm_RoundTrips()
    {
        var acl = Apply(Encode(Map(("aclist2", Array(
            OwnerAce(),
            Map(("permission", 6), ("subject", Map(("role", "admin"), ("authority", "owner"))), ("resources", Array(Map(("wc", "-"))))))))));
        acl.AddBootstrapAces(includeWellKnownCore: true);
        acl.ResourceOwner = OcfUuid.Parse(TestPki.OwnerUuid);

        var copy = Acl2.Decode(acl.Encode());

        Assert.Multiple(() =>
        {
            Assert.That(copy.Encode(), Is.EqualTo(acl.Encode()));
            Assert.That(copy.Aces.Select(a => a.Subject), Is.EqualTo(acl.Aces.Select(a => a.Subject)));
            Assert.That(copy.Aces.Select(a => a.Resources.Count), Is.EqualTo(acl.Aces.Select(a => a.Resources.Count)));
            Assert.That(copy.ResourceOwner, Is.EqualTo(acl.ResourceOwner));
        });
    }

    [TestCase(DeviceOnboardingState.Rfnop, false)]
    [TestCase(DeviceOnboardingState.Reset, false)]
    [TestCase(DeviceOnboardingState.Rfotm, true)]
    [TestCase(DeviceOnboardingState.Sreset, true)]
    public void Update_AcesInState_AcceptedOnlyWhileProvisionable(DeviceOnboardingState state, bool accepted)
    {
        var acl = new Acl2();

        var result = acl.Update(SamplePayload(), state);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.EqualTo(accepted));
            Assert.That(acl.Aces, Has.Count.EqualTo(accepted ? 3 : 0));
        });
    }
}
