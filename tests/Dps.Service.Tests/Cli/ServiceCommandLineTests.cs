using Dps.Service.Cli;

namespace Dps.Service.Tests.Cli;

public class ServiceCommandLineTests
{
    [Test]
    public void Parse_RunWithConfig_ReadsPath()
    {
        var command = ServiceCommandLine.Parse(["run", "--config", "/etc/dps.yaml"]);

        Assert.That(command, Is.EqualTo(new ServiceCommand { Kind = ServiceCommandKind.Run, ConfigFile = "/etc/dps.yaml" }));
    }

    [Test]
    public void Parse_RunWithoutOptions_UsesDefaults()
    {
        Assert.That(ServiceCommandLine.Parse(["run"]).ConfigFile, Is.EqualTo("dps-service.yaml"));
    }

    [Test]
    public void Parse_InitAllOptions_Read()
    {
        var command = ServiceCommandLine.Parse(["init", "--dir=out", "--owner", "alice", "--force"]);

        Assert.That(command, Is.EqualTo(new ServiceCommand { Kind = ServiceCommandKind.Init, Directory = "out", Owner = "alice", Force = true }));
    }

    [Test]
    public void Parse_MfgCert_ReadsOutAndCn()
    {
        var command = ServiceCommandLine.Parse(["mfg-cert", "--out", "certs", "--cn", "uuid:00000000-0000-0000-0000-000000000001"]);

        Assert.Multiple(() =>
        {
            Assert.That(command.Kind, Is.EqualTo(ServiceCommandKind.MfgCert));
            Assert.That(command.OutputDirectory, Is.EqualTo("certs"));
            Assert.That(command.CommonName, Is.EqualTo("uuid:00000000-0000-0000-0000-000000000001"));
        });
    }

    [Test]
    public void Parse_RunWithListenAddresses_ReadsEndPoints()
    {
        var command = ServiceCommandLine.Parse(["run", "--dps-listen", "127.0.0.1:0", "--hub-listen=[::1]:20041", "--http-listen", "localhost:8080"]);

        Assert.Multiple(() =>
        {
            Assert.That(command.DpsListen, Is.EqualTo(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)));
            Assert.That(command.HubListen, Is.EqualTo(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 20041)));
            Assert.That(command.HttpListen, Is.EqualTo(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8080)));
        });
    }

    [Test]
    public void Parse_MfgCertWithDir_ReadsDirectory()
    {
        var command = ServiceCommandLine.Parse(["mfg-cert", "--dir", "setup", "--out", "dev2"]);

        Assert.Multiple(() =>
        {
            Assert.That(command.Directory, Is.EqualTo("setup"));
            Assert.That(command.OutputDirectory, Is.EqualTo("dev2"));
        });
    }

    [TestCase("help")]
    [TestCase("--help")]
    [TestCase("run", "--help")]
    public void Parse_Help_ReturnsHelp(params string[] args)
    {
        Assert.That(ServiceCommandLine.Parse(args).Kind, Is.EqualTo(ServiceCommandKind.Help));
    }

    [TestCase(new string[0], "missing command")]
    [TestCase(new[] { "serve" }, "unknown command 'serve'")]
    [TestCase(new[] { "run", "--dir", "x" }, "run: unknown option '--dir' (expected --config, --dps-listen")]
    [TestCase(new[] { "run", "--dps-listen", "nowhere" }, "run: option '--dps-listen' needs an address")]
    [TestCase(new[] { "run", "--hub-listen", "127.0.0.1" }, "run: option '--hub-listen' needs an address")]
    [TestCase(new[] { "run", "--config" }, "run: option '--config' needs a value")]
    [TestCase(new[] { "run", "--config", "--force" }, "run: option '--config' needs a value")]
    [TestCase(new[] { "run", "--config=" }, "needs a non-empty value")]
    [TestCase(new[] { "run", "--config", "a", "--config", "b" }, "run: option '--config' given twice")]
    [TestCase(new[] { "run", "extra" }, "run: unexpected argument 'extra'")]
    [TestCase(new[] { "init", "--force=yes" }, "init: option '--force' takes no value")]
    [TestCase(new[] { "version", "--config", "x" }, "version: unknown option '--config'")]
    public void Parse_Bad_ThrowsWithClearMessage(string[] args, string message)
    {
        Assert.That(() => ServiceCommandLine.Parse(args), Throws.TypeOf<CommandLineException>().With.Message.Contains(message));
    }
}
