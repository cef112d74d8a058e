using Dps.Client;
using DpsCloudServer;
using DpsCloudServer.CommandLine;

namespace Dps.CloudServer.Tests;

public class CloudServerOptionsTests
{
    [Test]
    public void ToDpsClientOptions_Defaults_LibraryDefaultsAndDefaultEndpoint()
    {
        var options = new CloudServerOptions().ToDpsClientOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Endpoints.Select(e => e.Uri), Is.EqualTo(new[] { CloudServerOptions.DefaultEndpoint }));
            Assert.That(options.RetryConfiguration, Is.EqualTo(DpsRetryConfiguration.Default));
            Assert.That(options.ExpiringLimit, Is.EqualTo(TimeSpan.FromSeconds(3600)));
            Assert.That(options.CloudObserver.MaxCount, Is.EqualTo(DpsCloudObserverConfiguration.DefaultMaxCount));
            Assert.That(options.SkipVerify, Is.False);
            Assert.That(options.CreateConfigurationResource, Is.False);
        });
        Assert.That(options.Validate, Throws.Nothing);
    }

    [Test]
    public void ToDpsClientOptions_EveryValueGiven_Carried()
    {
        var parsed = CommandLineParser.Parse(
            ["-c", "-n", "-e", "10", "-o", "5", "-r", "1,2", "-t", "coaps+tcp://b:2", "dev", "coaps+tcp://a:1"], isPrivileged: false);

        var options = parsed.Options!.ToDpsClientOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Endpoints.Select(e => e.Uri), Is.EqualTo(new[] { "coaps+tcp://a:1", "coaps+tcp://b:2" }));
            Assert.That(options.RetryConfiguration, Is.EqualTo(new DpsRetryConfiguration(1, 2)));
            Assert.That(options.ExpiringLimit, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(options.CloudObserver.MaxCount, Is.EqualTo(5));
            Assert.That(options.CloudObserver.Interval, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.SkipVerify, Is.True);
            Assert.That(options.CreateConfigurationResource, Is.True);
        });
        Assert.That(options.Validate, Throws.Nothing);
    }

    [Test]
    public void ToDpsClientOptions_NoEndpoints_EmptyList() =>
        Assert.That(CommandLineParser.Parse(["dev", ""], isPrivileged: false).Options!.ToDpsClientOptions().Endpoints, Is.Empty);
}
