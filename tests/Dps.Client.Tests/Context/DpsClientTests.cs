using Dps.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Client.Tests.Context;

public sealed class DpsClientTests
{
    [Test]
    public async Task AddDpsClient_Configured_ResolvesAClientWithTheOptions()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddDpsClient(o =>
        {
            o.Endpoints.Add(new DpsEndpoint("coaps+tcp://127.0.0.1:15684", "local"));
            o.SkipVerify = true;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<DpsClient>();

        Assert.Multiple(() =>
        {
            Assert.That(client, Is.SameAs(provider.GetRequiredService<DpsClient>()));
            Assert.That(client.Options.SkipVerify, Is.True);
            Assert.That(client.Options.Endpoints.Single().Name, Is.EqualTo("local"));
        });
    }

    [Test]
    public void AddDpsClient_InvalidOptions_FailsOnResolve()
    {
        var services = new ServiceCollection();
        services.AddDpsClient(o => o.ExpiringLimit = TimeSpan.FromMilliseconds(5));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<DpsClient>());
    }

    [Test]
    public async Task CreateContext_OnePerDevice_IsRemembered()
    {
        await using var client = new DpsClient(new DpsClientOptions { Endpoints = [new DpsEndpoint("coaps+tcp://127.0.0.1:1")] }, new FakeTimeProvider());
        var device = FakeDpsDevice.Create(TestPki.Shared, TestPki.Shared.HubCa.Certificate);

        var context = client.CreateContext(device, new FakeCloudManager(), new FakeTimeSink());

        Assert.Multiple(() =>
        {
            Assert.That(client.GetContext(0), Is.SameAs(context));
            Assert.That(context.Endpoints.Single().Uri, Is.EqualTo("coaps+tcp://127.0.0.1:1"));
            Assert.That(context.IsStarted, Is.False);
            Assert.That(() => client.CreateContext(device, new FakeCloudManager(), new FakeTimeSink()), Throws.InvalidOperationException);
        });
    }
}
