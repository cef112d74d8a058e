using Dps.CloudServer.Tests.Signals;
using Dps.CloudServer.Tests.Pki;
using DpsCloudServer;

namespace Dps.CloudServer.Tests;

public class CloudServerAppTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CloudServerApp.RunAsync(args, output, error, new FakePosixSignalSource(), isPrivileged: false);
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestCase("-h")]
    [TestCase("--help")]
    public async Task RunAsync_Help_PrintsHelpOnStdoutAndExitsZero(string arg)
    {
        var (exitCode, output, error) = await RunAsync(arg);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(output, Does.StartWith("./dps_cloud_server [options]"));
            Assert.That(error, Is.Empty);
        });
    }

    [TestCase("-e", "99999")]
    [TestCase("--bogus")]
    [TestCase("-t", "udp://x")]
    [TestCase("a", "coaps+tcp://h:1", "c")]
    [TestCase("-s")]
    public async Task RunAsync_BadArguments_MessageAndHintOnStderrExitTwo(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(output, Is.Empty);
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Does.StartWith("dps_cloud_server: "));
            Assert.That(lines[1], Is.EqualTo("Try 'dps_cloud_server --help' for more information."));
        });
    }

    [Test]
    public async Task RunAsync_MissingPkiDirectory_NamesItExitOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-pki-{Guid.NewGuid():N}");

        var (exitCode, _, error) = await RunAsync("--pki-dir", missing, "--wait-for-reset");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(error, Does.Contain(missing));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task RunAsync_ValidPkiThenSigterm_StartsDeviceAndExitsZero(CancellationToken cancellationToken)
    {
        using var pki = new PkiDirectory();
        pki.WriteAll();
        var storage = Path.Combine(Path.GetTempPath(), $"dps-cloud-server-{Guid.NewGuid():N}");
        using var output = new MarkerWriter("Started device with ID: ");
        using var error = new StringWriter();
        var signals = new FakePosixSignalSource();
        try
        {
            var run = CloudServerApp.RunAsync(
                ["--pki-dir", pki.Path, "--storage-dir", storage, "-t", "coaps+tcp://second:2", "dev", "coaps+tcp://first:1"],
                output, error, signals, isPrivileged: false);
            await output.Seen.WaitAsync(cancellationToken);
            signals.Raise(System.Runtime.InteropServices.PosixSignal.SIGTERM);
            var exitCode = await run.WaitAsync(cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(ExitCodes.Success), error.ToString());
                Assert.That(output.ToString(), Does.StartWith("Endpoints:\n\tcoaps+tcp://first:1\n\tcoaps+tcp://second:2\n"));
                Assert.That(output.ToString(), Does.Contain("Started device with ID: "));
                Assert.That(Directory.Exists(storage), Is.True);
            });
        }
        finally
        {
            if (Directory.Exists(storage))
            {
                Directory.Delete(storage, recursive: true);
            }
        }
    }

    // A thread-safe writer that completes Seen once the marker has been written.
    private sealed class MarkerWriter(string marker) : StringWriter
    {
        private readonly Lock _lock = new();
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
                if (base.ToString().Contains(marker, StringComparison.Ordinal))
                {
                    _seen.TrySetResult();
                }
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }
    }
}
