using DpsCloudServer;
using DpsCloudServer.CommandLine;
using Microsoft.Extensions.Logging;

namespace Dps.CloudServer.Tests;

public class CloudServerLoggingTests
{
    [TestCase("Dps.Client", true)]
    [TestCase("Dps.Client.Steps.TimeStep", true)]
    [TestCase("Dps.ClientExtra", false)]
    [TestCase("Dps.Ocf.Cloud.CloudManager", false)]
    [TestCase("Dps.Coap.CoapConnection", false)]
    [TestCase(null, false)]
    public void IsDpsCategory_Categories(string? category, bool expected) =>
        Assert.That(CloudServerLogging.IsDpsCategory(category), Is.EqualTo(expected));

    [Test]
    public void CreateLoggerFactory_Levels_AppliedPerCategory()
    {
        var options = CommandLineParser.Parse(["-l", "debug", "--oc-log-level", "error"], isPrivileged: false).Options!;
        using var factory = CloudServerLogging.CreateLoggerFactory(options);

        var dps = factory.CreateLogger("Dps.Client.DpsContext");
        var ocf = factory.CreateLogger("Dps.Ocf.OcfStack");

        Assert.Multiple(() =>
        {
            Assert.That(dps.IsEnabled(LogLevel.Debug), Is.True);
            Assert.That(dps.IsEnabled(LogLevel.Trace), Is.False);
            Assert.That(ocf.IsEnabled(LogLevel.Warning), Is.False);
            Assert.That(ocf.IsEnabled(LogLevel.Error), Is.True);
        });
    }

    [Test]
    public void CreateLoggerFactory_Disabled_NothingEnabled()
    {
        var options = CommandLineParser.Parse(["-l", "disabled", "--oc-log-level=disabled"], isPrivileged: false).Options!;
        using var factory = CloudServerLogging.CreateLoggerFactory(options);

        Assert.Multiple(() =>
        {
            Assert.That(factory.CreateLogger("Dps.Client").IsEnabled(LogLevel.Critical), Is.False);
            Assert.That(factory.CreateLogger("Dps.Coap").IsEnabled(LogLevel.Critical), Is.False);
        });
    }
}
