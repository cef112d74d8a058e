using Dps.Ocf.Security;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Security;

public sealed class CredTests
{
    private static readonly byte[] Psk16 = Convert.FromHexString("30313233343536373839616263646566");

    private static List<KeyValuePair<string, object?>> PskCred() => Map(
        ("credtype", 1),
        ("subjectuuid", TestPki.OwnerUuid),
        ("privatedata", Map(("data", Psk16), ("encoding", "oic.sec.encoding.raw"))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> IdentityCred() => Map(
        ("credtype", 8),
        ("subjectuuid", TestPki.DeviceUuid),
        ("credusage", "oic.sec.cred.cert"),
        ("publicdata", Map(("data", TestPki.IdentityChainPem), ("encoding", "oic.sec.encoding.pem"))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> TrustCaCred() => Map(
        ("credtype", 8),
        ("subjectuuid", TestPki.OwnerUuid),
        ("credusage", "oic.sec.cred.trustca"),
        ("publicdata", Map(("data", TestPki.RootPem), ("encoding", "oic.sec.encoding.pem"))),
        ("tag", "dps"));

    /// <summary>The response of PROTOCOL §2.7.</summary>
    private static byte[] SamplePayload(bool indefinite) =>
        Encode(Map(("creds", Array(PskCred(), IdentityCred(), TrustCaCred()))), indefinite);

    private static Cred Apply(byte[] payload, DeviceOnboardingState state = DeviceOnboardingState.Rfpro)
    {
        var cred = new Cred();
        var result = cred.Update(payload, state, TestPki.DevicePublicKey);
        Assert.That(result.Succeeded, Is.True, result.Error);
        return cred;
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Update_Sample_AddsThreeCredentials(bool indefinite)
    {
        var cred = new Cred();
        var ids = new List<int>();

        var result = cred.Update(SamplePayload(indefinite), DeviceOnboardingState.Rfpro, TestPki.DevicePublicKey, ids);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(ids, Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(cred.Credentials.Select(c => c.CredType), Is.EqualTo(new[] { CredType.SymmetricPairwise, CredType.AsymmetricSigningWithCertificate, CredType.AsymmetricSigningWithCertificate }));
            Assert.That(cred.Credentials.Select(c => c.Usage), Is.EqualTo(new[] { CredUsage.None, CredUsage.Cert, CredUsage.TrustCa }));
            Assert.That(cred.Credentials.All(c => c.Tag == "dps"), Is.True);
            Assert.That(cred.Find(1)!.PrivateData!.Data.ToArray(), Is.EqualTo(Psk16));
            Assert.That(cred.Find(1)!.Subject.ToString(), Is.EqualTo(TestPki.OwnerUuid));
            Assert.That(cred.Find(2)!.PublicData!.GetText(), Is.EqualTo(TestPki.IdentityChainPem));
            Assert.That(cred.ResourceOwner.IsNil, Is.True);
        });
    }

    private static IEnumerable<TestCaseData> RejectedVariants()
    {
        yield return new TestCaseData(Map(("rowneruuid", TestPki.OwnerUuid), ("creds", Array(PskCred())))).SetName("Update_RowneruuidInRfpro_Rejected");
        yield return Variant("UnknownEncoding", PskCred(), ("privatedata", Map(("data", Psk16), ("encoding", "oic.sec.encoding.der"))));
        yield return Variant("HandleEncoding", PskCred(), ("privatedata", Map(("data", Psk16), ("encoding", "oic.sec.encoding.handle"))));
        yield return Variant("EncodingMissing", PskCred(), ("privatedata", Map(("data", Psk16))));
        yield return Variant("Psk15Bytes", PskCred(), ("privatedata", Map(("data", Psk16[..15]), ("encoding", "oic.sec.encoding.raw"))));
        yield return Variant("Psk24Bytes", PskCred(), ("privatedata", Map(("data", new byte[24]), ("encoding", "oic.sec.encoding.raw"))));
        yield return Variant("PskPem", PskCred(), ("privatedata", Map(("data", "abc"), ("encoding", "oic.sec.encoding.pem"))));
        yield return Variant("PskMissingKey", Map(("credtype", 1), ("subjectuuid", TestPki.OwnerUuid)));
        yield return Variant("PskBadBase64", PskCred(), ("privatedata", Map(("data", "!!notbase64"), ("encoding", "oic.sec.encoding.base64"))));
        yield return Variant("CredType2", PskCred(), ("credtype", 2));
        yield return Variant("CredTypeMissing", Map(("subjectuuid", TestPki.OwnerUuid), ("privatedata", Map(("data", Psk16), ("encoding", "oic.sec.encoding.raw")))));
        yield return Variant("SubjectMissing", Map(("credtype", 1), ("privatedata", Map(("data", Psk16), ("encoding", "oic.sec.encoding.raw")))));
        yield return Variant("SubjectInvalid", PskCred(), ("subjectuuid", "not-a-uuid"));
        yield return Variant("SubjectNotText", PskCred(), ("subjectuuid", 5));
        yield return Variant("CredUsageUnknown", TrustCaCred(), ("credusage", "oic.sec.cred.other"));
        yield return Variant("CertWithoutUsage", Map(("credtype", 8), ("subjectuuid", TestPki.OwnerUuid), ("publicdata", Map(("data", TestPki.RootPem), ("encoding", "oic.sec.encoding.pem")))));
        yield return Variant("CertWithoutPublicData", TrustCaCred(), ("publicdata", null));
        yield return Variant("CertGarbage", TrustCaCred(), ("publicdata", Map(("data", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), ("encoding", "oic.sec.encoding.pem"))));
        yield return Variant("IdentityForeignKey", IdentityCred(), ("publicdata", Map(("data", TestPki.ForeignLeafPem), ("encoding", "oic.sec.encoding.pem"))));
        yield return Variant("DataNotTextOrBytes", TrustCaCred(), ("publicdata", Map(("data", 7), ("encoding", "oic.sec.encoding.pem"))));
        yield return Variant("CredIdZero", PskCred(), ("credid", 0));
        yield return Variant("TagNotText", PskCred(), ("tag", 1));
        yield return Variant("RoleIdWithoutRole", PskCred(), ("roleid", Map(("authority", "x"))));
        yield return new TestCaseData(Map(("creds", Map()))).SetName("Update_CredsNotArray_Rejected");
        yield return new TestCaseData(Map(("creds", Array(PskCred(), "x")))).SetName("Update_CredNotMap_Rejected");
    }

    private static TestCaseData Variant(string name, List<KeyValuePair<string, object?>> cred, params (string Key, object? Value)[] changes)
    {
        foreach (var (key, value) in changes)
        {
            cred.RemoveAll(e => e.Key == key);
            if (value is not null)
            {
                cred.Add(new(key, value));
            }
        }

        // A valid credential first: the update must still change nothing.
        return new TestCaseData(Map(("creds", Array(TrustCaCred(), cred)))).SetName("Update_" + name + "_Rejected");
    }

    [TestCaseSource(nameof(RejectedVariants))]
    public void Update_InvalidVariant_RejectedWithStateUnchanged(List<KeyValuePair<string, object?>> payload)
    {
        var cred = Apply(SamplePayload(indefinite: true));
        byte[] before = cred.Encode(includePrivateData: true);

        foreach (bool indefinite in new[] { false, true })
        {
            var result = cred.Update(Encode(payload, indefinite), DeviceOnboardingState.Rfpro, TestPki.DevicePublicKey);

            Assert.Multiple(() =>
            {
                Assert.That(result.Succeeded, Is.False);
                Assert.That(result.Error, Is.Not.Null.And.Not.Empty);
                Assert.That(cred.Encode(includePrivateData: true), Is.EqualTo(before));
            });
        }
    }

    [TestCase("")]
    [TestCase("BF")]
    [TestCase("80")]
    public void Update_MalformedCbor_Rejected(string hex)
    {
        var cred = new Cred();

        var result = cred.Update(Convert.FromHexString(hex), DeviceOnboardingState.Rfpro, TestPki.DevicePublicKey);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(cred.Credentials, Is.Empty);
        });
    }

    [Test]
    public void Update_IdentityCertWithoutDeviceKey_Rejected()
    {
        var cred = new Cred();

        var result = cred.Update(Encode(Map(("creds", Array(IdentityCred())))), DeviceOnboardingState.Rfpro, ReadOnlyMemory<byte>.Empty);

        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public void Update_IdentityCertWithPrivateData_SkipsDeviceKeyCheck()
    {
        var cred = IdentityCred();
        cred.Add(new("privatedata", Map(("data", new byte[] { 1, 2, 3 }), ("encoding", "oic.sec.encoding.raw"))));

        var result = new Cred().Update(Encode(Map(("creds", Array(cred)))), DeviceOnboardingState.Rfpro, ReadOnlyMemory<byte>.Empty);

        Assert.That(result.Succeeded, Is.True, result.Error);
    }

    [Test]
    public void Update_RowneruuidInRfotm_SetsOwner()
    {
        var cred = new Cred();

        var result = cred.Update(Encode(Map(("rowneruuid", TestPki.OwnerUuid), ("creds", Array()))), DeviceOnboardingState.Rfotm, default);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(cred.ResourceOwner.ToString(), Is.EqualTo(TestPki.OwnerUuid));
        });
    }

    [Test]
    public void Update_UnknownKeys_Ignored()
    {
        var psk = PskCred();
        psk.Add(new("x.vendor", 1));

        var cred = Apply(Encode(Map(("rt", Array("oic.r.cred")), ("creds", Array(psk)), ("other", "x"))));

        Assert.That(cred.Credentials, Has.Count.EqualTo(1));
    }

    [Test]
    public void Update_WildcardSubjectAndBase64Psk_Accepted()
    {
        var psk = Map(
            ("credtype", 1),
            ("subjectuuid", "*"),
            ("privatedata", Map(("data", Convert.ToBase64String(new byte[32])), ("encoding", "oic.sec.encoding.base64"))));

        var cred = Apply(Encode(Map(("creds", Array(psk)))));

        Assert.Multiple(() =>
        {
            Assert.That(cred.Credentials[0].Subject.IsWildcard, Is.True);
            Assert.That(cred.Credentials[0].PrivateData!.GetDecodedBytes(), Has.Length.EqualTo(32));
        });
    }

    [Test]
    public void Update_RoleCertWithRoleId_Accepted()
    {
        var roleCert = Map(
            ("credtype", 8),
            ("subjectuuid", TestPki.DeviceUuid),
            ("credusage", "oic.sec.cred.rolecert"),
            ("publicdata", Map(("data", TestPki.RootPem), ("encoding", "oic.sec.encoding.pem"))),
            ("roleid", Map(("role", "admin"), ("authority", "owner"))));

        var cred = Apply(Encode(Map(("creds", Array(roleCert)))));

        Assert.That(cred.Credentials[0].RoleId, Is.EqualTo(new CredRoleId("admin", "owner")));
    }

    [Test]
    public void Update_DuplicateOfExisting_KeepsExisting()
    {
        var cred = Apply(SamplePayload(indefinite: false));
        var ids = new List<int>();

        var result = cred.Update(SamplePayload(indefinite: true), DeviceOnboardingState.Rfpro, TestPki.DevicePublicKey, ids);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(cred.Credentials, Has.Count.EqualTo(3));
            Assert.That(ids, Is.EqualTo(new[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void Update_ExistingCredId_ReplacesCredential()
    {
        var cred = Apply(SamplePayload(indefinite: false));
        var replacement = TrustCaCred();
        replacement.Add(new("credid", 1));

        var result = cred.Update(Encode(Map(("creds", Array(replacement)))), DeviceOnboardingState.Rfpro, TestPki.DevicePublicKey);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(cred.Credentials, Has.Count.EqualTo(3));
            Assert.That(cred.Find(1)!.Usage, Is.EqualTo(CredUsage.TrustCa));
        });
    }

    [Test]
    public void RetagAndRemoveTagged_DpsFlow_KeepsOnlyNewCredentials()
    {
        var cred = Apply(SamplePayload(indefinite: false));
        cred.Add(new Credential
        {
            CredType = CredType.AsymmetricSigningWithCertificate,
            Subject = OcfUuid.Parse(TestPki.DeviceUuid),
            Usage = CredUsage.MfgCert,
            PublicData = CredData.FromPem(TestPki.IdentityChainPem),
        });

        int retagged = cred.Retag(OcfSecurityNames.DpsTag, OcfSecurityNames.DpsStaleTag);
        var result = cred.Update(SamplePayload(indefinite: true), DeviceOnboardingState.Rfpro, TestPki.DevicePublicKey);
        int removed = cred.RemoveTagged(OcfSecurityNames.DpsStaleTag);

        Assert.Multiple(() =>
        {
            Assert.That(retagged, Is.EqualTo(3));
            Assert.That(result.Succeeded, Is.True);
            Assert.That(removed, Is.EqualTo(3));
            Assert.That(cred.Credentials.Select(c => c.CredId), Is.EqualTo(new[] { 4, 5, 6, 7 }));
            Assert.That(cred.Credentials.Count(c => c.Tag == "dps"), Is.EqualTo(3));
        });
    }

    [Test]
    public void RemoveAllButManufacturer_OwnDevice_KeepsNonDpsManufacturerCredentials()
    {
        var cred = Apply(SamplePayload(indefinite: false));
        var mfg = new Credential
        {
            CredType = CredType.AsymmetricSigningWithCertificate,
            Subject = OcfUuid.Parse(TestPki.DeviceUuid),
            Usage = CredUsage.MfgCert,
            PublicData = CredData.FromPem(TestPki.IdentityChainPem),
            PrivateData = CredData.FromRaw([1, 2, 3]),
        };
        int mfgId = cred.Add(mfg);
        int mfgCaId = cred.Add(mfg with { Usage = CredUsage.MfgTrustCa, PrivateData = null, PublicData = CredData.FromPem(TestPki.RootPem) });
        cred.Add(mfg with { Tag = "dps" });

        cred.RemoveAllButManufacturer();

        Assert.That(cred.Credentials.Select(c => c.CredId), Is.EqualTo(new[] { mfgId, mfgCaId }));
    }

    [Test]
    public void Encode_StoreForm_RoundTripsWithPrivateData()
    {
        var cred = Apply(SamplePayload(indefinite: true));
        cred.ResourceOwner = OcfUuid.Parse(TestPki.OwnerUuid);

        var copy = Cred.Decode(cred.Encode(includePrivateData: true));

        Assert.Multiple(() =>
        {
            Assert.That(copy.Encode(includePrivateData: true), Is.EqualTo(cred.Encode(includePrivateData: true)));
            Assert.That(copy.Credentials, Is.EqualTo(cred.Credentials));
            Assert.That(copy.ResourceOwner, Is.EqualTo(cred.ResourceOwner));
        });
    }

    [Test]
    public void Encode_WithoutPrivateData_OmitsKeys()
    {
        var cred = Apply(SamplePayload(indefinite: true));

        var copy = Cred.Decode(cred.Encode(includePrivateData: false));

        Assert.Multiple(() =>
        {
            Assert.That(copy.Credentials.All(c => c.PrivateData is null), Is.True);
            Assert.That(Convert.ToHexString(cred.Encode(false)), Does.Not.Contain(Convert.ToHexString(Psk16)));
        });
    }

    [Test]
    public void Decode_Truncated_ThrowsOcfFormatException()
    {
        byte[] data = Apply(SamplePayload(indefinite: false)).Encode(true);

        Assert.That(() => Cred.Decode(data.AsMemory(0, data.Length - 3)), Throws.TypeOf<OcfFormatException>());
    }

    [Test]
    public void CredentialToString_DoesNotRevealKey()
    {
        var cred = Apply(SamplePayload(indefinite: false));

        string text = cred.Credentials[0].ToString();

        Assert.That(text, Does.Not.Contain("0123456789abcdef").And.Not.Contain("48, 49"));
    }

    [TestCase(DeviceOnboardingState.Rfnop)]
    [TestCase(DeviceOnboardingState.Reset)]
    public void Update_CredsInState_Rejected(DeviceOnboardingState state)
    {
        var cred = new Cred();

        var result = cred.Update(SamplePayload(indefinite: true), state, TestPki.DevicePublicKey);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(cred.Credentials, Is.Empty);
        });
    }

    [TestCase(DeviceOnboardingState.Rfotm)]
    [TestCase(DeviceOnboardingState.Sreset)]
    public void Update_CredsInState_Accepted(DeviceOnboardingState state)
    {
        Assert.That(new Cred().Update(SamplePayload(indefinite: true), state, TestPki.DevicePublicKey).Succeeded, Is.True);
    }
}
