using Dps.Ocf.Security;
using Microsoft.Extensions.Logging;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Security;

public sealed class OcfDeviceSecurityTests
{
    private static readonly OcfUuid Owner = OcfUuid.Parse(TestPki.OwnerUuid);

    private static byte[] CredentialsAnswer() => Encode(Map(("creds", Array(
        Map(
            ("credtype", 8),
            ("subjectuuid", TestPki.DeviceUuid),
            ("credusage", "oic.sec.cred.cert"),
            ("publicdata", Map(("data", TestPki.IdentityChainPem), ("encoding", "oic.sec.encoding.pem"))),
            ("tag", "dps")),
        Map(
            ("credtype", 8),
            ("subjectuuid", TestPki.OwnerUuid),
            ("credusage", "oic.sec.cred.trustca"),
            ("publicdata", Map(("data", TestPki.RootPem), ("encoding", "oic.sec.encoding.pem"))),
            ("tag", "dps"))))), indefinite: true);

    private static OcfDeviceSecurity OwnedDevice(InMemoryOcfStore store)
    {
        var security = new OcfDeviceSecurity(store, 0);
        security.Load();
        security.Doxm.DeviceUuid = OcfUuid.Parse(TestPki.DeviceUuid);
        security.Cred.Add(new Credential
        {
            CredType = CredType.AsymmetricSigningWithCertificate,
            Subject = OcfUuid.Parse(TestPki.DeviceUuid),
            Usage = CredUsage.MfgCert,
            PublicData = CredData.FromPem(TestPki.IdentityChainPem),
            PrivateData = CredData.FromRaw([1, 2, 3]),
        });
        security.OwnDevice(Owner, includeWellKnownCore: false);
        return security;
    }

    [Test]
    public void Load_EmptyStore_GivesDefaults()
    {
        var security = new OcfDeviceSecurity(new InMemoryOcfStore(), 0);

        security.Load();

        Assert.Multiple(() =>
        {
            Assert.That(security.Pstat.State, Is.EqualTo(DeviceOnboardingState.Rfotm));
            Assert.That(security.Doxm.Owned, Is.False);
            Assert.That(security.Cred.Credentials, Is.Empty);
            Assert.That(security.Acl.Aces, Is.Empty);
            Assert.That(security.IsOwnedBy(Owner), Is.False);
        });
    }

    [Test]
    public void OwnDevice_ThenReload_IsOwnedByOwner()
    {
        var store = new InMemoryOcfStore();
        var security = OwnedDevice(store);

        var reloaded = new OcfDeviceSecurity(store, 0);
        reloaded.Load();

        Assert.Multiple(() =>
        {
            Assert.That(security.IsOwnedBy(Owner), Is.True);
            Assert.That(reloaded.IsOwnedBy(Owner), Is.True);
            Assert.That(reloaded.IsOwnedBy(OcfUuid.Parse(TestPki.HubUuid)), Is.False);
            Assert.That(reloaded.Pstat.State, Is.EqualTo(DeviceOnboardingState.Rfnop));
            Assert.That(reloaded.Doxm.OxmSel, Is.EqualTo(Doxm.OxmPlgdDps));
            Assert.That(reloaded.Doxm.DeviceUuid.ToString(), Is.EqualTo(TestPki.DeviceUuid));
            Assert.That(reloaded.Cred.Credentials.Single().Usage, Is.EqualTo(CredUsage.MfgCert));
            Assert.That(reloaded.Cred.Credentials.Single().PrivateData, Is.Not.Null);
            Assert.That(reloaded.Acl.Aces.Single().Subject.ConnectionType, Is.EqualTo(AceConnectionType.AnonClear));
            Assert.That(store.Names, Is.EquivalentTo(new[] { "pstat_0", "doxm_0", "cred_0", "acl_0" }));
            Assert.That(store.IsSecret("cred_0"), Is.True);
        });
    }

    [Test]
    public void IsOwnedBy_OtherOxm_IsFalse()
    {
        var security = OwnedDevice(new InMemoryOcfStore());

        security.Doxm.OxmSel = Doxm.OxmJustWorks;

        Assert.That(security.IsOwnedBy(Owner), Is.False);
    }

    [Test]
    public void ApplyDpsCredentials_Twice_ReplacesDpsCredentials()
    {
        var store = new InMemoryOcfStore();
        var security = OwnedDevice(store);

        var first = security.ApplyDpsCredentials(CredentialsAnswer(), TestPki.DevicePublicKey, out int removedFirst);
        var second = security.ApplyDpsCredentials(CredentialsAnswer(), TestPki.DevicePublicKey, out int removedSecond);

        Assert.Multiple(() =>
        {
            Assert.That(first.Succeeded, Is.True, first.Error);
            Assert.That(second.Succeeded, Is.True, second.Error);
            Assert.That(removedFirst, Is.Zero);
            Assert.That(removedSecond, Is.EqualTo(2));
            Assert.That(security.Cred.Credentials.Count(c => c.Tag == "dps"), Is.EqualTo(2));
            Assert.That(security.Cred.Credentials, Has.Count.EqualTo(3));
            Assert.That(security.Pstat.State, Is.EqualTo(DeviceOnboardingState.Rfnop));
            Assert.That(Cred.Decode(store.Load("cred_0")!).Credentials, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void ApplyDpsCredentials_Rejected_RestoresTagsAndState()
    {
        var store = new InMemoryOcfStore();
        var security = OwnedDevice(store);
        security.ApplyDpsCredentials(CredentialsAnswer(), TestPki.DevicePublicKey, out _);
        byte[] before = security.Cred.Encode(includePrivateData: true);
        int saves = store.SaveCount;

        var result = security.ApplyDpsCredentials(Encode(Map(("rowneruuid", TestPki.OwnerUuid))), TestPki.DevicePublicKey, out int removed);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(removed, Is.Zero);
            Assert.That(security.Cred.Encode(includePrivateData: true), Is.EqualTo(before));
            Assert.That(security.Pstat.State, Is.EqualTo(DeviceOnboardingState.Rfnop));
            Assert.That(store.SaveCount, Is.EqualTo(saves));
        });
    }

    [Test]
    public void ApplyDpsAcls_SampleThenRejected_KeepsDpsAces()
    {
        var security = OwnedDevice(new InMemoryOcfStore());

        var applied = security.ApplyDpsAcls(Acl2Tests.SamplePayload());
        byte[] before = security.Acl.Encode();
        var rejected = security.ApplyDpsAcls(Encode(Map(("aclist2", Array(Map(("subject", Map(("conntype", "anon-clear"))), ("validity", Array())))))));

        Assert.Multiple(() =>
        {
            Assert.That(applied.Succeeded, Is.True, applied.Error);
            Assert.That(rejected.Succeeded, Is.False);
            Assert.That(security.Acl.Encode(), Is.EqualTo(before));
            Assert.That(security.Acl.Aces, Has.Count.EqualTo(4));
            Assert.That(security.Acl.HasTag("dps"), Is.True);
        });
    }

    [Test]
    public void Load_CorruptStore_LogsAndUsesDefaults()
    {
        var store = new InMemoryOcfStore();
        store.Save("pstat_0", Encode(Map(("dos", Map(("s", 9))))));
        var logger = new ListLogger<OcfDeviceSecurity>();
        var security = new OcfDeviceSecurity(store, 0, logger);

        security.Load();

        Assert.Multiple(() =>
        {
            Assert.That(security.Pstat.State, Is.EqualTo(DeviceOnboardingState.Rfotm));
            Assert.That(logger.Entries.Single().Level, Is.EqualTo(LogLevel.Warning));
        });
    }

    [Test]
    public void Reset_OwnedDevice_BackToRfotmWithNewUuid()
    {
        var store = new InMemoryOcfStore();
        var security = OwnedDevice(store);
        var newUuid = OcfUuid.Parse("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7");

        security.Reset(newUuid);
        var reloaded = new OcfDeviceSecurity(store, 0);
        reloaded.Load();

        Assert.Multiple(() =>
        {
            Assert.That(reloaded.Pstat.State, Is.EqualTo(DeviceOnboardingState.Rfotm));
            Assert.That(reloaded.Pstat.IsOperational, Is.False);
            Assert.That(reloaded.Doxm.Owned, Is.False);
            Assert.That(reloaded.Doxm.DeviceUuid, Is.EqualTo(newUuid));
            Assert.That(reloaded.Cred.Credentials, Is.Empty);
            Assert.That(reloaded.Acl.Aces, Is.Empty);
            Assert.That(reloaded.IsOwnedBy(Owner), Is.False);
        });
    }
}
