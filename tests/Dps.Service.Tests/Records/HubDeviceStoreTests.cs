using Dps.Service.Payloads;
using Dps.Service.Records;
using Microsoft.Extensions.Time.Testing;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Records;

[CancelAfter(10_000)]
public class HubDeviceStoreTests
{
    private const string DeviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";
    private static readonly DateTimeOffset s_start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private string _dir = null!;
    private ServiceDatabase _database = null!;
    private FakeTimeProvider _time = null!;
    private HubDeviceStore _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("dps-service-db-").FullName;
        _database = await ServiceDatabase.OpenAsync(Path.Combine(_dir, "hub.db"));
        _time = new FakeTimeProvider(s_start);
        _store = new HubDeviceStore(_database, _time);
    }

    [TearDown]
    public void TearDown()
    {
        _database.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task RegisterAsync_ThenSignInOut_TracksState(CancellationToken cancellationToken)
    {
        await _store.RegisterAsync(DeviceId, "1", cancellationToken);
        var registered = await _store.GetAsync(DeviceId, cancellationToken);
        _time.Advance(TimeSpan.FromSeconds(5));
        await _store.SetLoggedInAsync(DeviceId, true, cancellationToken);
        var loggedIn = await _store.GetAsync(DeviceId, cancellationToken);
        await _store.SetLoggedInAsync(DeviceId, false, cancellationToken);
        var loggedOut = await _store.GetAsync(DeviceId, cancellationToken);
        await _store.SetOnlineAsync(DeviceId, false, cancellationToken);
        var offline = await _store.GetAsync(DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(registered, Is.EqualTo(new HubDevice { DeviceId = DeviceId, Owner = "1", Registered = true, Online = true, LastSeen = s_start, Links = registered!.Links }));
            Assert.That(loggedIn!.LoggedIn, Is.True);
            Assert.That(loggedIn.LastSeen, Is.EqualTo(s_start.AddSeconds(5)));
            Assert.That(loggedOut!.LoggedIn, Is.False);
            Assert.That(loggedOut.Online, Is.True);
            Assert.That(offline!.Online, Is.False);
            Assert.That(offline.Registered, Is.True);
        });
    }

    [Test]
    public async Task SetLoggedInAsync_UnknownDevice_ReturnsFalse(CancellationToken cancellationToken)
    {
        Assert.That(await _store.SetLoggedInAsync(DeviceId, true, cancellationToken), Is.False);
    }

    [Test]
    public async Task PublishAsync_GoldenLinks_StoredWithInstancesAndMergedByHref(CancellationToken cancellationToken)
    {
        var request = PublishRequest.Parse(GoldenPayloadsBytes()).WithAssignedInstances();
        await _store.RegisterAsync(DeviceId, "1", cancellationToken);

        await _store.PublishAsync(DeviceId, request.Name, request.Links, cancellationToken);
        var republished = await _store.PublishAsync(DeviceId, null, [request.Links[0] with { ResourceTypes = ["x"] }], cancellationToken);
        var device = await _store.GetAsync(DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(republished, Has.Count.EqualTo(5));
            Assert.That(device!.Name, Is.EqualTo("anchor-dev"));
            Assert.That(device.Links.Select(l => l.Instance), Is.EquivalentTo(request.Links.Select(l => l.Instance)));
            Assert.That(device.Links.Single(l => l.Href == "/oic/d").ResourceTypes, Is.EqualTo(new[] { "x" }));
            Assert.That(device.Links.Single(l => l.Href == "/switches"), Is.EqualTo(request.Links[3]).Using<ResourceLink>(SameLink));
        });
    }

    [Test]
    public async Task PublishAsync_UnregisteredDevice_ReturnsNull(CancellationToken cancellationToken)
    {
        var request = PublishRequest.Parse(GoldenPayloadsBytes());

        Assert.That(await _store.PublishAsync(DeviceId, null, request.Links, cancellationToken), Is.Null);
    }

    [Test]
    public async Task UnpublishAsync_KnownInstances_RemovesOnlyThem(CancellationToken cancellationToken)
    {
        var request = PublishRequest.Parse(GoldenPayloadsBytes()).WithAssignedInstances();
        await _store.RegisterAsync(DeviceId, "1", cancellationToken);
        await _store.PublishAsync(DeviceId, null, request.Links, cancellationToken);

        var removed = await _store.UnpublishAsync(DeviceId, [136750592, 318534269], cancellationToken);
        var device = await _store.GetAsync(DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.True);
            Assert.That(device!.Links.Select(l => l.Href), Is.EqualTo(new[] { "/light/1", "/switches", "/oc/con" }));
        });
    }

    [Test]
    public async Task UnpublishAsync_UnknownInstance_ChangesNothing(CancellationToken cancellationToken)
    {
        var request = PublishRequest.Parse(GoldenPayloadsBytes()).WithAssignedInstances();
        await _store.RegisterAsync(DeviceId, "1", cancellationToken);
        await _store.PublishAsync(DeviceId, null, request.Links, cancellationToken);

        var removed = await _store.UnpublishAsync(DeviceId, [136750592, 42], cancellationToken);
        var device = await _store.GetAsync(DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.False);
            Assert.That(device!.Links, Has.Count.EqualTo(5));
        });
    }

    [Test]
    public async Task UnpublishAsync_NoInstances_RemovesAll(CancellationToken cancellationToken)
    {
        var request = PublishRequest.Parse(GoldenPayloadsBytes()).WithAssignedInstances();
        await _store.RegisterAsync(DeviceId, "1", cancellationToken);
        await _store.PublishAsync(DeviceId, null, request.Links, cancellationToken);

        var removed = await _store.UnpublishAsync(DeviceId, [], cancellationToken);
        var device = await _store.GetAsync(DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.True);
            Assert.That(device!.Links, Is.Empty);
        });
    }

    [Test]
    public async Task RegisterAsync_OtherOwner_DropsLinks(CancellationToken cancellationToken)
    {
        var request = PublishRequest.Parse(GoldenPayloadsBytes()).WithAssignedInstances();
        await _store.RegisterAsync(DeviceId, "1", cancellationToken);
        await _store.PublishAsync(DeviceId, null, request.Links, cancellationToken);

        await _store.RegisterAsync(DeviceId, "2", cancellationToken);
        var device = await _store.GetAsync(DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(device!.Owner, Is.EqualTo("2"));
            Assert.That(device.Links, Is.Empty);
        });
    }

    [Test]
    public async Task ResetSessionsAsync_AllOfflineAndDeleteForgets(CancellationToken cancellationToken)
    {
        await _store.RegisterAsync(DeviceId, "1", cancellationToken);
        await _store.RegisterAsync("other", "1", cancellationToken);
        await _store.SetLoggedInAsync(DeviceId, true, cancellationToken);

        await _store.ResetSessionsAsync(cancellationToken);
        var devices = await _store.ListAsync(cancellationToken);
        var deleted = await _store.DeleteAsync(DeviceId, cancellationToken);
        var remaining = await _store.ListAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(devices.Select(d => d.DeviceId), Is.EqualTo(new[] { DeviceId, "other" }));
            Assert.That(devices.Any(d => d.Online || d.LoggedIn), Is.False);
            Assert.That(deleted, Is.True);
            Assert.That(remaining, Has.Count.EqualTo(1));
        });
    }

    private static bool SameLink(ResourceLink a, ResourceLink b) =>
        a.Href == b.Href && a.ResourceTypes.SequenceEqual(b.ResourceTypes) && a.Interfaces.SequenceEqual(b.Interfaces)
        && a.Relation == b.Relation && a.Instance == b.Instance && a.Bitmask == b.Bitmask;

    private static byte[] GoldenPayloadsBytes() => DevicePayloads.Bytes(DevicePayloads.PublishRequest);
}
