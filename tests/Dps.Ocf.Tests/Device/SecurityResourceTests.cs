using Dps.Coap;
using Dps.Ocf.Cloud;
using Dps.Ocf.Security;
using Dps.Ocf.Tests.Stack;
using Dps.Testing;

namespace Dps.Ocf.Tests.Device;

/// <summary>The security resources and <c>/CoapCloudConfResURI</c> as hosted by an <see cref="OcfDevice"/> (requests made in process).</summary>
[CancelAfter(20_000)]
public class SecurityResourceTests
{
    private static readonly OcfUuid Owner = OcfUuid.Parse("b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51");
    private static readonly string Sid = "adebc667-1f2b-41e3-bf5c-6d6eabc68cc6";

    private InMemoryOcfStore _store = null!;
    private OcfStack _stack = null!;
    private RecordingLogger _log = null!;

    private OcfDevice Device => _stack.Devices[0];

    [SetUp]
    public void SetUp()
    {
        _store = new InMemoryOcfStore();
        _log = new RecordingLogger();
        _stack = DeviceHarness.CreateStack(_store, _log);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _stack.DisposeAsync();
        Assert.That(_log.Errors, Is.Empty);
        _log.Dispose();
    }

    public static IEnumerable<TestCaseData> RejectedUpdates()
    {
        yield return new TestCaseData("/oic/sec/pstat", TestCbor.Encode(TestCbor.Map(("isop", true)))).SetName("Pstat_ReadOnlyIsop");
        yield return new TestCaseData("/oic/sec/pstat", TestCbor.Encode(TestCbor.Map(("dos", TestCbor.Map(("s", 9)))))).SetName("Pstat_UnknownState");
        yield return new TestCaseData("/oic/sec/doxm", TestCbor.Encode(TestCbor.Map(("oxmsel", 7)))).SetName("Doxm_UnsupportedOxm");
        yield return new TestCaseData("/oic/sec/doxm", TestCbor.Encode(TestCbor.Map(("oxms", TestCbor.Array(0))))).SetName("Doxm_ReadOnlyOxms");
        yield return new TestCaseData("/oic/sec/cred", TestCbor.Encode(TestCbor.Map(("creds", TestCbor.Array(TestCbor.Map(
            ("credtype", 1),
            ("subjectuuid", "*"),
            ("privatedata", TestCbor.Map(("data", new byte[5]), ("encoding", "oic.sec.encoding.raw"))))))))).SetName("Cred_ShortPsk");
        yield return new TestCaseData("/oic/sec/acl2", TestCbor.Encode(TestCbor.Map(("aclist2", TestCbor.Array(TestCbor.Map(
            ("permission", 2),
            ("subject", TestCbor.Map(("conntype", "anon-clear"))),
            ("resources", TestCbor.Array(TestCbor.Map(("href", "/light/1")))),
            ("validity", TestCbor.Array()))))))).SetName("Acl2_UnknownAceKey");
        yield return new TestCaseData("/oic/sec/sdi", TestCbor.Encode(TestCbor.Map(("uuid", "not-a-uuid")))).SetName("Sdi_BadUuid");
        yield return new TestCaseData("/oic/sec/sdi", new byte[] { 0xFF }).SetName("Sdi_MalformedCbor");
    }

    [TestCaseSource(nameof(RejectedUpdates))]
    public async Task Post_RejectedUpdate_BadRequestStateUnchangedNothingPersisted(string path, byte[] payload, CancellationToken cancellationToken)
    {
        string before = await SnapshotAsync(cancellationToken);
        int saves = _store.SaveCount;

        var response = await Device.HandleLocalAsync(CoapCode.Post, path, payload, cancellationToken: cancellationToken);

        string after = await SnapshotAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(after, Is.EqualTo(before));
            Assert.That(_store.SaveCount, Is.EqualTo(saves));
        });
    }

    [Test]
    public async Task PostCred_OwnedDeviceInRfnop_BadRequestNothingPersisted(CancellationToken cancellationToken)
    {
        await Device.InvokeAsync(() => Device.Security.OwnDevice(Owner, includeWellKnownCore: false), cancellationToken);
        int saves = _store.SaveCount;
        byte[] payload = TestCbor.Encode(TestCbor.Map(("creds", TestCbor.Array(TestCbor.Map(
            ("credtype", 8),
            ("subjectuuid", "*"),
            ("credusage", "oic.sec.cred.trustca"),
            ("publicdata", TestCbor.Map(("data", TestPki.RootPem), ("encoding", "oic.sec.encoding.pem"))))))));

        var response = await Device.HandleLocalAsync(CoapCode.Post, "/oic/sec/cred", payload, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(_store.SaveCount, Is.EqualTo(saves));
            Assert.That(Device.Security.Cred.Credentials, Is.Empty);
        });
    }

    [Test]
    public async Task PostSdi_Valid_ChangedPersistedAndShown(CancellationToken cancellationToken)
    {
        byte[] payload = TestCbor.Encode(TestCbor.Map(("uuid", Sid), ("name", "home"), ("priv", false)));

        var response = await Device.HandleLocalAsync(CoapCode.Post, "/oic/sec/sdi", payload, cancellationToken: cancellationToken);
        var get = await Device.HandleLocalAsync(CoapCode.Get, "/oic/sec/sdi", cancellationToken: cancellationToken);

        var stored = Sdi.Decode(_store.Load("sdi_0"));
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(stored.Name, Is.EqualTo("home"));
            Assert.That(CborTree.Map(get.Payload)["uuid"], Is.EqualTo(Sid));
        });
    }

    [Test]
    public async Task GetCred_ManufacturerKeyInstalled_NoPrivateData(CancellationToken cancellationToken)
    {
        OcfDeviceTests.InstallManufacturerCredentials(_stack, 0);

        var response = await Device.HandleLocalAsync(CoapCode.Get, "/oic/sec/cred", cancellationToken: cancellationToken);

        var creds = CborTree.AsArray(CborTree.Map(response.Payload)["creds"]).Select(CborTree.AsMap).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(creds, Has.Count.EqualTo(2));
            Assert.That(creds, Has.None.ContainKey("privatedata"));
            Assert.That(creds.Select(c => c["credusage"]), Is.EquivalentTo(new[] { "oic.sec.cred.mfgcert", "oic.sec.cred.mfgtrustca" }));
        });
    }

    [Test]
    public async Task GetDoxm_Baseline_RtIfThenProperties(CancellationToken cancellationToken)
    {
        var response = await Device.HandleLocalAsync(CoapCode.Get, "/oic/sec/doxm?if=oic.if.baseline", cancellationToken: cancellationToken);

        var map = CborTree.Map(response.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(map.Keys.Take(2), Is.EqualTo(new[] { "rt", "if" }));
            Assert.That(CborTree.Strings(map["rt"]), Is.EqualTo(new[] { "oic.r.doxm" }));
            Assert.That(map["deviceuuid"], Is.EqualTo(Device.DeviceId.ToString("D")));
            Assert.That(map["owned"], Is.False);
        });
    }

    [Test]
    public async Task DeleteCred_ById_RemovedAndPersisted(CancellationToken cancellationToken)
    {
        int credId = OcfDeviceTests.InstallManufacturerCredentials(_stack, 0);

        var deleted = await Device.HandleLocalAsync(CoapCode.Delete, "/oic/sec/cred?credid=" + credId, cancellationToken: cancellationToken);
        var missing = await Device.HandleLocalAsync(CoapCode.Delete, "/oic/sec/cred?credid=999", cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Code, Is.EqualTo(CoapCode.Deleted));
            Assert.That(missing.Code, Is.EqualTo(CoapCode.NotFound));
            Assert.That(Cred.Decode(_store.Load("cred_0")).Find(credId), Is.Null);
        });
    }

    [Test]
    public async Task PostCloudConf_Complete_AppliedPersistedEventRaised(CancellationToken cancellationToken)
    {
        var events = new List<CloudConfigurationChangedEventArgs>();
        Device.CloudConfigurationChanged += (_, e) => events.Add(e);
        byte[] payload = TestCbor.Encode(TestCbor.Map(
            ("at", "secret-token"), ("apn", "plgd"), ("cis", "coaps+tcp://hub.example.com:5684"), ("sid", Sid)));

        var response = await Device.HandleLocalAsync(CoapCode.Post, "/CoapCloudConfResURI", payload, cancellationToken: cancellationToken);
        var get = await Device.HandleLocalAsync(CoapCode.Get, "/CoapCloudConfResURI", cancellationToken: cancellationToken);

        var stored = CloudConfiguration.Decode(_store.Load("cloud_0"));
        var map = CborTree.Map(get.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(CborTree.Map(response.Payload), Does.Not.ContainKey("at"));
            Assert.That(map["cis"], Is.EqualTo("coaps+tcp://hub.example.com:5684"));
            Assert.That(map["cps"], Is.EqualTo("readytoregister"));
            Assert.That(CborTree.Strings(map["rt"]), Is.EqualTo(new[] { "oic.r.coapcloudconf" }));
            Assert.That(stored.AccessToken, Is.EqualTo("secret-token"));
            Assert.That(stored.Sid.ToString(), Is.EqualTo(Sid));
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(events[0].FromRequest, Is.True);
            Assert.That(events[0].Update.IsReset, Is.False);
            Assert.That(events[0].Previous.CiServer, Is.EqualTo(CloudConfiguration.DefaultCiServer));
        });
    }

    public static IEnumerable<TestCaseData> RejectedCloudConf()
    {
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("cis", "coaps+tcp://hub:5684"), ("sid", Sid)))).SetName("CisWithoutAt");
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("cis", "coaps+tcp://hub:5684"), ("at", "t")))).SetName("CisWithoutSid");
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("cis", "coaps+tcp://hub:5684"), ("at", "t"), ("sid", "hub")))).SetName("SidNotUuid");
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("at", "t"), ("sid", Sid)))).SetName("NoCis");
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("cis", ""), ("cps", "registered")))).SetName("Cps");
    }

    [TestCaseSource(nameof(RejectedCloudConf))]
    public async Task PostCloudConf_Rejected_BadRequestNothingChanged(byte[] payload, CancellationToken cancellationToken)
    {
        int events = 0;
        Device.CloudConfigurationChanged += (_, _) => events++;
        int saves = _store.SaveCount;
        byte[] before = Device.CloudConfiguration.Encode();

        var response = await Device.HandleLocalAsync(CoapCode.Post, "/CoapCloudConfResURI", payload, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(Device.CloudConfiguration.Encode(), Is.EqualTo(before));
            Assert.That(_store.SaveCount, Is.EqualTo(saves));
            Assert.That(events, Is.Zero);
        });
    }

    [Test]
    public async Task PostCloudConf_Registered_OnlyResetAllowed(CancellationToken cancellationToken)
    {
        Device.ApplyCloudConfiguration(new CloudConfUpdate { CiServer = "coaps+tcp://hub:5684", Sid = OcfUuid.Parse(Sid), AccessToken = "t", AuthProvider = "plgd" });
        await Device.InvokeAsync(() => Device.CloudConfiguration.ProvisioningStatus = CloudProvisioningStatus.Registered, cancellationToken);
        Device.SaveCloudConfiguration();
        var events = new List<CloudConfigurationChangedEventArgs>();
        Device.CloudConfigurationChanged += (_, e) => events.Add(e);

        var replace = await Device.HandleLocalAsync(
            CoapCode.Post, "/CoapCloudConfResURI", TestCbor.Encode(TestCbor.Map(("cis", "coaps+tcp://other:5684"), ("at", "t2"), ("sid", Sid))), cancellationToken: cancellationToken);
        var reset = await Device.HandleLocalAsync(
            CoapCode.Post, "/CoapCloudConfResURI", TestCbor.Encode(TestCbor.Map(("cis", ""))), cancellationToken: cancellationToken);

        var stored = CloudConfiguration.Decode(_store.Load("cloud_0"));
        Assert.Multiple(() =>
        {
            Assert.That(replace.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(reset.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(stored.AccessToken, Is.Empty);
            Assert.That(stored.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Uninitialized));
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(events[0].Update.IsReset, Is.True);
            Assert.That(events[0].Previous.AccessToken, Is.EqualTo("t"), "the manager deregisters with the old configuration");
            Assert.That(events[0].Previous.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Registered));
        });
    }

    [Test]
    public void RemoveResource_SecurityResource_Refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Device.RemoveResource("/oic/sec/cred"), Is.False);
            Assert.That(Device.RemoveResource("/CoapCloudConfResURI"), Is.False);
            Assert.That(Device.SecurityResources.Select(r => r.Uri), Is.EqualTo(new[]
            {
                "/oic/sec/doxm", "/oic/sec/pstat", "/oic/sec/acl2", "/oic/sec/cred", "/oic/sec/sdi", "/CoapCloudConfResURI",
            }));
        });
    }

    /// <summary>Every security representation and the cloud store, as one string.</summary>
    private Task<string> SnapshotAsync(CancellationToken cancellationToken) => Device.InvokeAsync(
        () => string.Join(
            "|",
            Convert.ToHexString(Device.Security.Pstat.Encode()),
            Convert.ToHexString(Device.Security.Doxm.Encode()),
            Convert.ToHexString(Device.Security.Cred.Encode(includePrivateData: true)),
            Convert.ToHexString(Device.Security.Acl.Encode()),
            Convert.ToHexString(Device.Security.Sdi.Encode())),
        cancellationToken);

    [Test]
    public async Task PostCloudConf_ManagerAttached_ManagerAppliesItAndItIsPersistedOnce(CancellationToken cancellationToken)
    {
        await using var manager = AttachCloudManager();
        byte[] payload = TestCbor.Encode(TestCbor.Map(
            ("at", "secret-token"), ("apn", "plgd"), ("cis", "coaps+tcp://hub.example.com:5684"), ("sid", Sid)));
        int saves = _store.SaveCount;

        var response = await Device.HandleLocalAsync(CoapCode.Post, "/CoapCloudConfResURI", payload, cancellationToken: cancellationToken);

        var configuration = manager.GetConfiguration();
        var stored = CloudConfiguration.Decode(_store.Load("cloud_0"));
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(CborTree.Map(response.Payload)["cis"], Is.EqualTo("coaps+tcp://hub.example.com:5684"));
            Assert.That(configuration.CiServer, Is.EqualTo("coaps+tcp://hub.example.com:5684"));
            Assert.That(configuration.AccessToken, Is.EqualTo("secret-token"));
            Assert.That(manager.Cps, Is.EqualTo(CloudProvisioningStatus.ReadyToRegister));
            Assert.That(_store.SaveCount - saves, Is.EqualTo(1), "one store write");
            Assert.That(stored.AccessToken, Is.EqualTo("secret-token"));
            Assert.That(Device.CloudConfiguration.Sid.ToString(), Is.EqualTo(Sid));
        });
    }

    [Test]
    public async Task ApplyConfiguration_ByTheManager_VisibleThroughGetOfTheResource(CancellationToken cancellationToken)
    {
        await using var manager = AttachCloudManager();
        await manager.ApplyConfigurationAsync(
            new CloudConfUpdate { CiServer = "coaps+tcp://dps-hub:5684", Sid = OcfUuid.Parse(Sid), AccessToken = "at", AuthProvider = "plgd" },
            cancellationToken);

        var get = await Device.HandleLocalAsync(CoapCode.Get, "/CoapCloudConfResURI", cancellationToken: cancellationToken);

        var map = CborTree.Map(get.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(get.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(map["cis"], Is.EqualTo("coaps+tcp://dps-hub:5684"));
            Assert.That(map["sid"], Is.EqualTo(Sid));
            Assert.That(map["apn"], Is.EqualTo("plgd"));
            Assert.That(map, Does.Not.ContainKey("at"));
        });
    }

    [Test]
    public async Task ResetAsync_ManagerAttached_ClearsTheManagersConfiguration(CancellationToken cancellationToken)
    {
        await using var manager = AttachCloudManager();
        await manager.ApplyConfigurationAsync(
            new CloudConfUpdate { CiServer = "coaps+tcp://dps-hub:5684", Sid = OcfUuid.Parse(Sid), AccessToken = "at", AuthProvider = "plgd" },
            cancellationToken);

        await Device.ResetAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(manager.GetConfiguration().AccessToken, Is.Empty);
            Assert.That(manager.GetConfiguration().CiServer, Is.EqualTo(CloudConfiguration.DefaultCiServer));
            Assert.That(CloudConfiguration.Decode(_store.Load("cloud_0")).AccessToken, Is.Empty);
        });
    }

    private OcfCloudManager AttachCloudManager()
    {
        var manager = new OcfCloudManager(OcfUuid.Parse(Device.DeviceId.ToString("D")), _store, options: new CloudManagerOptions { DeviceIndex = 0 });
        Device.AttachCloudManager(manager);
        return manager;
    }
}
