using Dps.Coap;

namespace Dps.Ocf.Tests.Stack;

[CancelAfter(10_000)]
public class CoreResourceTests
{
    [Test]
    public async Task GetDevice_Default_DiPiidNameVersions(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.GetAsync("/oic/d", cancellationToken);

        var map = CborTree.Map(response.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(map.Keys, Is.EqualTo(new[] { "di", "piid", "n", "icv", "dmv" }));
            Assert.That(map["di"], Is.EqualTo("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
            Assert.That(map["piid"], Is.EqualTo(harness.Device.ProtocolIndependentId.ToString()));
            Assert.That(map["n"], Is.EqualTo("dps"));
            Assert.That(map["icv"], Is.EqualTo("ocf.2.0.5"));
            Assert.That(map["dmv"], Is.EqualTo("ocf.res.1.3.0"));
        });
    }

    [Test]
    public async Task GetDevice_Baseline_AddsRtAndIfFirst(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.GetAsync("/oic/d?if=oic.if.baseline", cancellationToken);

        var map = CborTree.Map(response.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(map.Keys, Is.EqualTo(new[] { "rt", "if", "di", "piid", "n", "icv", "dmv" }));
            Assert.That(CborTree.Strings(map["rt"]), Is.EqualTo(new[] { "oic.d.cloudDevice", "oic.wk.d" }));
            Assert.That(CborTree.Strings(map["if"]), Is.EqualTo(new[] { "oic.if.r", "oic.if.baseline" }));
        });
    }

    [Test]
    public async Task GetDevice_NameChanged_NewName(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);
        harness.Device.Name = "kitchen";

        var response = await harness.GetAsync("/oic/d", cancellationToken);

        Assert.That(CborTree.Map(response.Payload)["n"], Is.EqualTo("kitchen"));
    }

    [Test]
    public async Task GetPlatform_Default_PiAndManufacturer(CancellationToken cancellationToken)
    {
        await using var harness = await StackHarness.StartAsync(null, cancellationToken);

        var response = await harness.GetAsync("/oic/p", cancellationToken);
        var baseline = await harness.GetAsync("/oic/p?if=oic.if.baseline", cancellationToken);

        var map = CborTree.Map(response.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(map.Keys, Is.EqualTo(new[] { "pi", "mnmn" }));
            Assert.That(map["pi"], Is.EqualTo(harness.Stack.PlatformId.ToString()));
            Assert.That(map["mnmn"], Is.EqualTo("ocfcloud.com"));
            Assert.That(CborTree.Strings(CborTree.Map(baseline.Payload)["rt"]), Is.EqualTo(new[] { "oic.wk.p" }));
        });
    }

    [Test]
    public void Stack_MoreDevices_IndexedInOrder()
    {
        var stack = new OcfStack(new OcfStackOptions { DeviceName = "first" });
        var second = stack.AddDevice(new OcfDeviceOptions { Name = "second", DeviceTypes = ["oic.d.light"] });

        Assert.Multiple(() =>
        {
            Assert.That(stack.Devices.Select(d => d.Index), Is.EqualTo(new[] { 0, 1 }));
            Assert.That(stack.GetDevice(1), Is.SameAs(second));
            Assert.That(second.DeviceResource.ResourceTypes, Is.EqualTo(new[] { "oic.d.light", "oic.wk.d" }));
            Assert.That(second.DeviceId, Is.Not.EqualTo(stack.Devices[0].DeviceId));
            Assert.That(() => stack.GetDevice(2), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void AddResource_SameUri_Throws()
    {
        var stack = new OcfStack();
        var device = stack.Devices[0];
        device.AddResource(new OcfResource("/a", ["x.a"]));

        Assert.Multiple(() =>
        {
            Assert.That(() => device.AddResource(new OcfResource("/a", ["x.b"])), Throws.InvalidOperationException);
            Assert.That(() => device.AddResource(new OcfResource("/oic/res", ["x.b"])), Throws.InvalidOperationException);
            Assert.That(device.RemoveResource("/oic/d"), Is.False);
            Assert.That(device.RemoveResource("/a"), Is.True);
            Assert.That(device.FindResource("/a"), Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("a")]
    [TestCase("/")]
    [TestCase("/a?b")]
    [TestCase("/a/")]
    public void Resource_BadUri_Throws(string uri) =>
        Assert.That(() => new OcfResource(uri, ["x.a"]), Throws.ArgumentException);

    [Test]
    public void Resource_Interfaces_DefaultFirstBaselineAdded()
    {
        var resource = new OcfResource("/a", ["x.a"], [OcfInterfaces.Actuator, OcfInterfaces.ReadWrite]);

        Assert.Multiple(() =>
        {
            Assert.That(resource.Interfaces, Is.EqualTo(new[] { "oic.if.a", "oic.if.rw", "oic.if.baseline" }));
            Assert.That(resource.DefaultInterface, Is.EqualTo("oic.if.a"));
            Assert.That(() => new OcfResource("/a", []), Throws.ArgumentException);
        });
    }
}
