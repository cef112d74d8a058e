using Dps.Coap;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Ocf.Tests.Stack;

public class DpsDeviceServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddDpsDevice_Options_StackWithConfiguredDevice()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string directory = Path.Combine(Path.GetTempPath(), "dps-di-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddDpsDevice(o =>
        {
            o.DeviceName = "garage";
            o.DeviceType = "oic.d.garagedoor";
            o.StorageDirectory = directory;
        });
        try
        {
            await using var provider = services.BuildServiceProvider();

            var stack = provider.GetRequiredService<OcfStack>();

            Assert.Multiple(() =>
            {
                Assert.That(stack.Devices[0].Name, Is.EqualTo("garage"));
                Assert.That(stack.Devices[0].DeviceTypes, Is.EqualTo(new[] { "oic.d.garagedoor" }));
                Assert.That(stack.StorageDirectory, Is.EqualTo(directory));
                Assert.That(stack.Store, Is.InstanceOf<DirectoryOcfStore>());
                Assert.That(File.Exists(Path.Combine(directory, "keypair_0")), Is.True);
                Assert.That(stack.Devices[0].PlgdTime.GetUtcNow(), Is.EqualTo(clock.GetUtcNow()));
                Assert.That(provider.GetRequiredService<OcfStack>(), Is.SameAs(stack));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void AddDpsDevice_InvalidOptions_Throws() =>
        Assert.That(() => new ServiceCollection().AddDpsDevice(o => o.DeviceName = " "), Throws.ArgumentException);

    [Test]
    public void Options_Clone_Independent()
    {
        var options = new OcfStackOptions();
        var copy = options.Clone();
        copy.Device!.DeviceTypes.Add("x.more");

        Assert.That(options.Device!.DeviceTypes, Is.EqualTo(new[] { OcfResourceTypes.CloudDevice }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task GetHandler_BoundToDevice_ServesThatDevice(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        stack.AddDevice(new OcfDeviceOptions { Name = "one" });
        var (a, b) = Dps.Testing.DuplexPipe.CreatePair();
        await using var device = new CoapConnection(a, null, stack.GetHandler(1));
        await using var peer = new CoapConnection(b);
        device.Start();
        peer.Start();

        var response = await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/oic/d").Build(), null, cancellationToken);

        Assert.That(CborTree.Map(response.Payload)["n"], Is.EqualTo("one"));
    }
}
