using Dps.Coap;

namespace Dps.Ocf.Tests.Stack;

[CancelAfter(10_000)]
public class ObserveTests
{
    [Test]
    public async Task Observe_Resource_NotifiedOnChange(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);

        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/light/1").SetObserve(0).Build(), null, cancellationToken);
        var first = await observation.Notifications.ReadAsync(cancellationToken);
        await harness.Device.InvokeAsync(() =>
        {
            light.Power = 7;
            light.Resource.NotifyObservers();
        }, cancellationToken);
        var second = await observation.Notifications.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(observation.IsRegistered, Is.True);
            Assert.That(first.Observe, Is.Not.Null);
            Assert.That(CborTree.Map(first.Payload)["power"], Is.EqualTo(0L));
            Assert.That(second.Observe, Is.GreaterThan(first.Observe!.Value));
            Assert.That(second.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(second.Options.GetUInt(CoapOptionNumber.OcfContentFormatVersion), Is.EqualTo(2048u));
            Assert.That(CborTree.Map(second.Payload)["power"], Is.EqualTo(7L));
        });
    }

    [Test]
    public async Task Observe_PostChangesResource_NotificationFollows(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);
        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/light/1?if=oic.if.baseline").SetObserve(0).Build(), null, cancellationToken);
        await observation.Notifications.ReadAsync(cancellationToken);

        var post = StackHarness.OcfRequest(CoapCode.Post, "/light/1").SetPayload(Convert.FromHexString("A1657374617465F5"), CoapContentFormat.OcfCbor).Build();
        await harness.Peer.SendAsync(post, null, cancellationToken);
        var notification = await observation.Notifications.ReadAsync(cancellationToken);

        var map = CborTree.Map(notification.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(map["state"], Is.EqualTo(true));
            Assert.That(map.Keys.Take(2), Is.EqualTo(new[] { "rt", "if" }), "the registration's interface is kept");
        });
    }

    [Test]
    public async Task Observe_NotObservableResource_PlainResponse(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(
            s => s.Devices[0].AddResource(new OcfResource("/static", ["x.static"], null, OcfResourcePolicy.Discoverable).OnGet(r => r.Content(_ => { }))),
            cancellationToken);

        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/static").SetObserve(0).Build(), null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(observation.Response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(observation.Response.Observe, Is.Null);
            Assert.That(observation.IsRegistered, Is.False);
        });
    }

    [Test]
    public async Task ObserveBatch_MemberChanges_NotificationHoldsThatMember(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(
            s =>
            {
                StackHarness.AddExampleResources(s.Devices[0]);
                s.Devices[0].AddResource(new OcfResource("/light/2", ["core.light"], [OcfInterfaces.ReadWrite]).OnGet(r => r.Content(_ => { })));
            },
            cancellationToken);
        var light1 = harness.Device.FindResource("/light/1")!;

        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/oic/res?if=oic.if.b").SetObserve(0).Build(), null, cancellationToken);
        var first = await observation.Notifications.ReadAsync(cancellationToken);
        light1.NotifyObservers();
        var second = await observation.Notifications.ReadAsync(cancellationToken);

        var items = CborTree.Array(second.Payload).Select(CborTree.AsMap).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(observation.IsRegistered, Is.True);
            Assert.That(CborTree.Array(first.Payload), Has.Count.GreaterThan(4));
            Assert.That(items.Select(i => i["href"]), Is.EqualTo(new[] { "ocf://1640915f-d3f0-44ce-54bb-5bff4d0ed8a7/light/1" }));
            Assert.That(CborTree.AsMap(items[0]["rep"])["name"], Is.EqualTo("Light"));
        });
    }

    [Test]
    public async Task ObserveBatch_DeviceNameChanges_NotifiesOicD(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);
        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/oic/res?if=oic.if.b").SetObserve(0).Build(), null, cancellationToken);
        await observation.Notifications.ReadAsync(cancellationToken);

        harness.Device.Name = "renamed";
        var notification = await observation.Notifications.ReadAsync(cancellationToken);

        var item = CborTree.AsMap(CborTree.Array(notification.Payload).Single());
        Assert.Multiple(() =>
        {
            Assert.That(item["href"], Is.EqualTo("ocf://1640915f-d3f0-44ce-54bb-5bff4d0ed8a7/oic/d"));
            Assert.That(CborTree.AsMap(item["rep"])["n"], Is.EqualTo("renamed"));
        });
    }

    [Test]
    public async Task ObserveCollectionBatch_LinkedItemChanges_Notified(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(s => StackHarness.AddExampleResources(s.Devices[0]), cancellationToken);
        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/switches?if=oic.if.b").SetObserve(0).Build(), null, cancellationToken);
        await observation.Notifications.ReadAsync(cancellationToken);

        harness.Device.Changed("/switches/2");
        var notification = await observation.Notifications.ReadAsync(cancellationToken);

        Assert.That(CborTree.Array(notification.Payload).Select(i => CborTree.AsMap(i)["href"]), Is.EqualTo(new[] { "/switches/2" }));
    }

    [Test]
    public async Task Observe_Deregistered_ObserverRemoved(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);
        var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/light/1").SetObserve(0).Build(), null, cancellationToken);
        int registered = await harness.Device.InvokeAsync(() => light.Resource.Observers.Count, cancellationToken);

        await observation.CancelAsync(cancellationToken);
        // The removal is posted to the executor when the registration ends; the next item runs after it.
        int left = await harness.Device.InvokeAsync(() => light.Resource.Observers.Count, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(registered, Is.EqualTo(1));
            Assert.That(left, Is.Zero);
        });
    }

    [Test]
    public async Task RemoveResource_Observed_ObserverGetsNotFound(CancellationToken cancellationToken)
    {
        var light = LightResource.CreateWithState();
        await using var harness = await StackHarness.StartAsync(s => s.Devices[0].AddResource(light.Resource), cancellationToken);
        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/light/1").SetObserve(0).Build(), null, cancellationToken);
        await observation.Notifications.ReadAsync(cancellationToken);

        harness.Device.RemoveResource("/light/1");
        var last = await observation.Notifications.ReadAsync(cancellationToken);

        Assert.That(last.Code, Is.EqualTo(CoapCode.NotFound));
    }

    [Test]
    public async Task Observe_PlgdTimeSet_Notified(CancellationToken cancellationToken)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var harness = await StackHarness.StartAsync(null, clock, cancellationToken);
        await using var observation = await harness.Peer.ObserveAsync(
            StackHarness.OcfRequest(CoapCode.Get, "/x.plgd.dev/time").SetObserve(0).Build(), null, cancellationToken);
        var first = await observation.Notifications.ReadAsync(cancellationToken);

        harness.Device.PlgdTime.SetTime(new DateTimeOffset(2025, 7, 2, 18, 55, 37, TimeSpan.Zero));
        var notification = await observation.Notifications.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(CborTree.Map(first.Payload), Is.Empty, "not synced yet");
            Assert.That(CborTree.Map(notification.Payload)["time"], Is.EqualTo("2025-07-02T18:55:37Z"));
        });
    }
}
