using DpsCloudServer.CommandLine;

namespace Dps.CloudServer.Tests.Process;

/// <summary>The built <c>dps_cloud_server</c>: help, bad arguments and missing certificates (no service needed).</summary>
[Category("Integration")]
public class CloudServerCommandLineProcessTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"dps-cloud-server-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task Help_UsageOptionsAndArgumentsExitZero()
    {
        var (exitCode, output) = await CloudServerBinary.RunAsync(_directory, "--help");

        var lines = output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(lines[0], Is.EqualTo("./dps_cloud_server [options] [device-name] [endpoint]"));
            Assert.That(lines, Does.Contain("OPTIONS:"));
            Assert.That(lines, Does.Contain("ARGUMENTS:"));
            foreach (var option in CommandLineOptions.All.Where(o => !o.Hidden))
            {
                Assert.That(output, Does.Contain($"--{option.LongName}"));
            }
            Assert.That(output, Does.Not.Contain("selftest"));
            Assert.That(lines, Has.Some.StartsWith("  device-name"));
            Assert.That(lines, Has.Some.StartsWith("  endpoint"));
        });
    }

    [TestCase("--bogus")]
    [TestCase("-e", "70000")]
    [TestCase("-r", "0")]
    [TestCase("name", "coaps+tcp://127.0.0.1:1", "extra")]
    [CancelAfter(60_000)]
    public async Task BadArguments_MessageAndHintExitTwo(params string[] arguments)
    {
        var (exitCode, output) = await CloudServerBinary.RunAsync(_directory, arguments);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines, Has.Length.EqualTo(2), output);
            Assert.That(lines[0], Does.StartWith("dps_cloud_server: "));
            Assert.That(lines[1], Is.EqualTo("Try 'dps_cloud_server --help' for more information."));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task MissingCertificateFile_NamesTheFileExitOne()
    {
        using var pki = new Pki.PkiDirectory();
        pki.WriteAll();
        File.Delete(pki.PrivateKeyPath);

        var (exitCode, output) = await CloudServerBinary.RunAsync(_directory, "--pki-dir", pki.Path, "--storage-dir", Path.Combine(_directory, "creds"));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain(pki.PrivateKeyPath));
            Assert.That(Directory.Exists(Path.Combine(_directory, "creds")), Is.False, "nothing is started without certificates");
        });
    }
}
