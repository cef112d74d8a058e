using Dps.Coap;
using Dps.Ocf.Cloud;
using Dps.Ocf.Tests.Stack;
using Dps.Testing;

namespace Dps.Ocf.Tests.Device;

/// <summary>With a cloud manager attached, <c>/CoapCloudConfResURI</c> reads and writes the manager's configuration: one copy, one store write per change.</summary>
[CancelAfter(20_000)]
public class CloudConfOwnerTests
{
    private const string Sid = "adebc667-1f2b-41e3-bf5c-6d6eabc68cc6";

    private InMemoryOcfStore _store = null!;
    private OcfStack _stack = null!;
    private RecordingLogger _log = null!;
    private OcfCloudManager _manager = null!;

    private OcfDevice Device => _stack.Devices[0];

    [SetUp]
    public void SetUp()
    {
        _store = new InMemoryOcfStore();
        _log = new RecordingLogger();
        _stack = DeviceHarness.CreateStack(_store, _log);
        _manager = new OcfCloudManager(OcfUuid.Parse(Device.DeviceId.ToString("D")), _store, options: new CloudManagerOptions { DeviceIndex = 0 });
        Device.AttachCloudManager(_manager);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _manager.DisposeAsync();
        await _stack.DisposeAsync();
        Assert.That(_log.Errors, Is.Empty);
        _log.Dispose();
    }

    [Test]
    public async Task PostCloudConf_ManagerAttached_ManagerAppliesItAndItIsPersistedOnce(CancellationToken cancellationToken)
    {
        byte[] payload = TestCbor.Encode(TestCbor.Map(
            ("at", "secret-token"), ("apn", "plgd"), ("cis", "coaps+tcp://hub.example.com:5684"), ("sid", Sid)));
        int saves = _store.SaveCount;

        var response = await Device.HandleLocalAsync(CoapCode.Post, "/CoapCloudConfResURI", payload, cancellationToken: cancellationToken);

        var configuration = _manager.GetConfiguration();
        var stored = CloudConfiguration.Decode(_store.Load("cloud_0"));
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(CborTree.Map(response.Payload)["cis"], Is.EqualTo("coaps+tcp://hub.example.com:5684"));
            Assert.That(configuration.CiServer, Is.EqualTo("coaps+tcp://hub.example.com:5684"));
            Assert.That(configuration.AccessToken, Is.EqualTo("secret-token"));
            Assert.That(_manager.Cps, Is.EqualTo(CloudProvisioningStatus.ReadyToRegister));
            Assert.That(_store.SaveCount - saves, Is.EqualTo(1), "one store write");
            Assert.That(stored.AccessToken, Is.EqualTo("secret-token"));
            Assert.That(Device.CloudConfiguration.Sid.ToString(), Is.EqualTo(Sid));
        });
    }

    [Test]
    public async Task ApplyConfiguration_ByTheManager_VisibleThroughGetOfTheResource(CancellationToken cancellationToken)
    {
        await _manager.ApplyConfigurationAsync(
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
        await _manager.ApplyConfigurationAsync(
            new CloudConfUpdate { CiServer = "coaps+tcp://dps-hub:5684", Sid = OcfUuid.Parse(Sid), AccessToken = "at", AuthProvider = "plgd" },
            cancellationToken);

        await Device.ResetAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(_manager.GetConfiguration().AccessToken, Is.Empty);
            Assert.That(_manager.GetConfiguration().CiServer, Is.EqualTo(CloudConfiguration.DefaultCiServer));
            Assert.That(CloudConfiguration.Decode(_store.Load("cloud_0")).AccessToken, Is.Empty);
        });
    }
}
