using Dps.Coap;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Ocf.Tests.Stack;

public class PlgdTimeTests
{
    private static readonly DateTimeOffset Synced = new(2025, 7, 2, 18, 55, 37, TimeSpan.Zero);

    [Test]
    public void GetUtcNow_NotSet_InnerClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var time = new PlgdTime(clock);

        Assert.Multiple(() =>
        {
            Assert.That(time.IsActive, Is.False);
            Assert.That(time.GetUtcNow(), Is.EqualTo(clock.GetUtcNow()));
            Assert.That(time.LastSyncedTime, Is.Null);
        });
    }

    [Test]
    public void GetUtcNow_AfterSet_SyncedPlusMonotonicElapsed()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryPlgdTimeStore();
        var time = new PlgdTime(clock, store);
        int changed = 0;
        time.Changed += (_, _) => changed++;

        time.SetTime(Synced);
        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Multiple(() =>
        {
            Assert.That(time.GetUtcNow(), Is.EqualTo(Synced.AddSeconds(90)));
            Assert.That(time.Status, Is.EqualTo(PlgdTimeStatus.InSync));
            Assert.That(time.LastSyncedTime, Is.EqualTo(Synced));
            Assert.That(store.Value, Is.EqualTo("2025-07-02T18:55:37Z"));
            Assert.That(changed, Is.EqualTo(1));
        });
    }

    [Test]
    public void Load_StoredValue_InSyncFromStorageAnchoredNow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromHours(5));
        var time = new PlgdTime(clock, new InMemoryPlgdTimeStore("2025-07-02T18:55:37.123456789Z"));

        bool loaded = time.Load();
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.True);
            Assert.That(time.Status, Is.EqualTo(PlgdTimeStatus.InSyncFromStorage));
            Assert.That(time.GetUtcNow(), Is.EqualTo(Synced.AddTicks(1234567).AddSeconds(3)));
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("yesterday")]
    [TestCase("2025-13-02T18:55:37Z")]
    public void Load_NothingValid_StaysInactive(string? stored)
    {
        var time = new PlgdTime(new FakeTimeProvider(), new InMemoryPlgdTimeStore(stored));

        Assert.Multiple(() =>
        {
            Assert.That(time.Load(), Is.False);
            Assert.That(time.IsActive, Is.False);
        });
    }

    [TestCase("2025-07-02T18:55:37Z", 0)]
    [TestCase("2025-07-02T18:55:37.5Z", 5_000_000)]
    [TestCase("2025-07-02T18:55:37.123456789Z", 1_234_567)]
    [TestCase("2025-07-02T20:55:37+02:00", 0)]
    public void TryParse_Rfc3339_Utc(string text, long ticks)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlgdTime.TryParse(text, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(Synced.AddTicks(ticks)));
            Assert.That(parsed.Offset, Is.EqualTo(TimeSpan.Zero));
        });
    }

    [TestCase("2025-07-02 18:55:37Z")]
    [TestCase("2025-07-02T18:55:37.Z")]
    [TestCase("1")]
    public void TryParse_NotRfc3339_False(string text) =>
        Assert.That(PlgdTime.TryParse(text, out _), Is.False);

    [Test]
    public void Format_Fraction_TrailingZerosDropped() =>
        Assert.That(PlgdTime.Format(Synced.AddMilliseconds(120)), Is.EqualTo("2025-07-02T18:55:37.12Z"));

    [TestCase(PlgdTimeStatus.InSync, "in-sync")]
    [TestCase(PlgdTimeStatus.InSyncFromStorage, "in-sync-from-storage")]
    [TestCase(PlgdTimeStatus.Syncing, "syncing")]
    public void StatusString_RoundTrips(PlgdTimeStatus status, string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlgdTime.ToStatusString(status), Is.EqualTo(text));
            Assert.That(PlgdTime.TryParseStatus(text, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(status));
        });
    }

    [Test]
    public async Task Resource_Get_TimeLastSyncedStatus()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var stack = new OcfStack(null, clock);
        var device = stack.Devices[0];
        var empty = await device.HandleLocalAsync(CoapCode.Get, "/x.plgd.dev/time");
        device.PlgdTime.SetTime(Synced);
        clock.Advance(TimeSpan.FromSeconds(2));
        device.PlgdTime.BeginSync();

        var secure = await device.HandleLocalAsync(CoapCode.Get, "/x.plgd.dev/time");
        var baseline = await device.HandleLocalAsync(CoapCode.Get, "/x.plgd.dev/time?if=oic.if.baseline");

        var map = CborTree.Map(secure.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(CborTree.Map(empty.Payload), Is.Empty);
            Assert.That(map.Keys, Is.EqualTo(new[] { "time", "lastSyncedTime", "status" }));
            Assert.That(map["time"], Is.EqualTo("2025-07-02T18:55:39Z"));
            Assert.That(map["lastSyncedTime"], Is.EqualTo("2025-07-02T18:55:37Z"));
            Assert.That(map["status"], Is.EqualTo("syncing"));
            Assert.That(CborTree.Strings(CborTree.Map(baseline.Payload)["rt"]), Is.EqualTo(new[] { "x.plgd.dev.time" }));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Resource_GetOverClearConnection_OnlyTime(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, new FakeTimeProvider(), cancellationToken);
        harness.Device.PlgdTime.SetTime(Synced);

        var response = await harness.GetAsync("/x.plgd.dev/time", cancellationToken);

        Assert.That(CborTree.Map(response.Payload).Keys, Is.EqualTo(new[] { "time" }));
    }

    [Test]
    public async Task Resource_Post_SetsTime()
    {
        var clock = new FakeTimeProvider();
        await using var stack = new OcfStack(null, clock);
        var device = stack.Devices[0];

        var response = await device.HandleLocalAsync(CoapCode.Post, "/x.plgd.dev/time", Convert.FromHexString("BF6E6C61737453796E63656454696D6574323032352D30372D30325431383A35353A33375AFF"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(device.PlgdTime.LastSyncedTime, Is.EqualTo(Synced));
            Assert.That(device.PlgdTime.Status, Is.EqualTo(PlgdTimeStatus.InSync));
        });
    }

    [TestCase("A16E6C61737453796E63656454696D65182A")]
    [TestCase("A16E6C61737453796E63656454696D656378797A")]
    [TestCase("A0")]
    public async Task Resource_PostInvalid_BadRequest(string bodyHex)
    {
        await using var stack = new OcfStack(null, new FakeTimeProvider());
        var device = stack.Devices[0];

        var response = await device.HandleLocalAsync(CoapCode.Post, "/x.plgd.dev/time", Convert.FromHexString(bodyHex));

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(device.PlgdTime.IsActive, Is.False);
        });
    }

    [TestCase(0x03)]
    [TestCase(0x04)]
    public async Task Resource_PutOrDelete_MethodNotAllowed(int method)
    {
        await using var stack = new OcfStack();

        var response = await stack.Devices[0].HandleLocalAsync(new CoapCode((byte)method), "/x.plgd.dev/time");

        Assert.That(response.Code, Is.EqualTo(CoapCode.MethodNotAllowed));
    }

    [Test]
    public void Stack_PlgdTimeStoreFactory_UsedPerDevice()
    {
        var stores = new Dictionary<int, InMemoryPlgdTimeStore>();
        var stack = new OcfStack(new OcfStackOptions { PlgdTimeStore = i => stores[i] = new InMemoryPlgdTimeStore() });

        stack.Devices[0].PlgdTime.SetTime(Synced);

        Assert.That(stores[0].Value, Is.EqualTo("2025-07-02T18:55:37Z"));
    }
}
