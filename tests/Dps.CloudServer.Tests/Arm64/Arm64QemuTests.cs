using Dps.Testing.Processes;

namespace Dps.CloudServer.Tests.Arm64;

/// <summary>
/// The linux-arm64 single-file build of dps_cloud_server under qemu-user, through scripts/test-arm64.sh
/// (what `make test-arm64` runs): it publishes the build, prints --help and provisions against an x64
/// dps-service on loopback until -Logged In, resets on SIGHUP and provisions again.
/// </summary>
[Category("Integration")]
public class Arm64QemuTests
{
    /// <summary>The script's exit code when qemu-user-static and the arm64 libraries cannot be installed.</summary>
    private const int CannotInstall = 77;

    [Test]
    [CancelAfter(15 * 60 * 1000)]
    public async Task Arm64Build_UnderQemu_ProvisionsUntilLoggedIn(CancellationToken cancellationToken)
    {
        string root = RepositoryRoot();
        await using var script = ExternalProcess.Start("bash", [Path.Combine(root, "scripts", "test-arm64.sh")], root);

        int exitCode = await script.WaitForExitAsync(TimeSpan.FromMinutes(14)).WaitAsync(cancellationToken);
        await TestContext.Out.WriteLineAsync(script.Output);

        Assume.That(exitCode, Is.Not.EqualTo(CannotInstall), "qemu-user-static cannot be installed on this machine");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, "scripts/test-arm64.sh failed");
            Assert.That(script.Output, Does.Contain("check: provisioned, -Logged In"));
            Assert.That(script.Output, Does.Contain("check: SIGHUP, reset and provisioned again"));
        });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dps.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
