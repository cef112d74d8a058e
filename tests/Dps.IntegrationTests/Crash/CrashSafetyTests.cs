using System.Globalization;
using System.Net.Http.Json;
using Dps.Testing.Processes;

namespace Dps.IntegrationTests.Crash;

/// <summary>
/// The real <c>dps_cloud_server</c> killed with SIGKILL at seeded random points of provisioning (after
/// a SIGHUP factory reset) and of certificate renewal (13 s identity certificates, 10 s expiring limit),
/// then restarted on the same storage: every restart loads its store without a "corrupt" warning and
/// reaches <c>-Logged In</c>.
/// </summary>
[Category("Integration")]
public sealed class CrashSafetyTests
{
    private const int Sighup = 1;
    private const int Sigkill = 9;
    private const int Sigterm = 15;
    private const int KillPoints = 20;
    private const int RenewalKillPoints = 3;
    private const string LoggedIn = "-Logged In";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Test]
    [CancelAfter(240_000)]
    public async Task KillDevice_20RandomPointsOfProvisioningAndRenewal_EveryRestartLoadsStorageAndLogsIn(CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("dps-crash-");
        try
        {
            var bin = AppContext.BaseDirectory;
            var service = Path.Combine(bin, "dps-service.dll");
            // The app's own build output (its deps and runtimeconfig), built through the project reference.
            var device = Path.Combine(RepositoryRoot(bin), "examples", "DpsCloudServer", "bin", BuildConfiguration(bin), "net10.0", "dps_cloud_server.dll");
            Assert.That(File.Exists(device), Is.True, $"{device} is built");
            var serviceDir = Path.Combine(scratch.FullName, "service");
            await RunToEndAsync(service, ["init", "--dir", serviceDir]);
            await using var dps = ExternalProcess.Start("dotnet", [service, "run", "--config", Path.Combine(serviceDir, "dps-service.yaml"),
                "--dps-listen", "127.0.0.1:0", "--hub-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"]);
            var dpsUri = Value(await dps.WaitForLineAsync(l => l.StartsWith("dps: ", StringComparison.Ordinal), StepTimeout, cancellationToken));
            var http = Value(await dps.WaitForLineAsync(l => l.StartsWith("http: ", StringComparison.Ordinal), StepTimeout, cancellationToken));
            using (var client = new HttpClient { BaseAddress = new Uri(http) })
            {
                using var armed = await client.PostAsJsonAsync("/api/v1/faults",
                    new[] { new { step = "credentials", kind = "short-lived-certificate", lifetime = "13s", count = "always" } }, cancellationToken);
                Assert.That(armed.IsSuccessStatusCode, Is.True, await armed.Content.ReadAsStringAsync(cancellationToken));
            }

            string[] arguments = [device, "--pki-dir", Path.Combine(serviceDir, "pki_certs"), "--storage-dir", Path.Combine(scratch.FullName, "creds"),
                "-e", "10", "-r", "1,1,1", "crash-device", dpsUri];
            var random = new Random(20261122);
            var renewalPoints = Enumerable.Range(0, KillPoints).OrderBy(_ => random.Next()).Take(RenewalKillPoints).ToHashSet();
            var kills = new List<string>();
            for (var point = 0; point <= KillPoints; point++)
            {
                await using var process = ExternalProcess.Start("dotnet", arguments, scratch.FullName);
                try
                {
                    await process.WaitForLineAsync(l => l.Contains(LoggedIn, StringComparison.Ordinal), StepTimeout, cancellationToken);
                }
                catch (TimeoutException ex)
                {
                    Assert.Fail($"restart after kill {point} ({string.Join(", ", kills)}) did not log in: {ex.Message}");
                }

                Assert.That(Corrupt(process.Output), Is.Empty, $"restart after kill {point} ({string.Join(", ", kills)}) reported a corrupt store:\n{process.Output}");
                if (point == KillPoints)
                {
                    process.Signal(Sigterm);
                    Assert.That(await process.WaitForExitAsync(StepTimeout), Is.Zero, process.Output);
                    break;
                }

                TimeSpan delay;
                if (renewalPoints.Contains(point))
                {
                    // The 13 s certificate is renewed 10 s after it arrived: kill around it.
                    delay = TimeSpan.FromMilliseconds(9_500 + random.Next(2_000));
                    kills.Add(string.Create(CultureInfo.InvariantCulture, $"renewal+{delay.TotalMilliseconds:F0}ms"));
                }
                else
                {
                    // A factory reset re-runs every provisioning step (and rewrites every store file).
                    delay = TimeSpan.FromMilliseconds(random.Next(2_500));
                    kills.Add(string.Create(CultureInfo.InvariantCulture, $"reset+{delay.TotalMilliseconds:F0}ms"));
                    process.Signal(Sighup);
                }

                await Task.Delay(delay, cancellationToken);
                process.Signal(Sigkill);
                await process.WaitForExitAsync(StepTimeout);
            }

            Assert.That(kills, Has.Count.EqualTo(KillPoints));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static async Task RunToEndAsync(string dll, IEnumerable<string> arguments)
    {
        await using var process = ExternalProcess.Start("dotnet", [dll, .. arguments]);
        Assert.That(await process.WaitForExitAsync(StepTimeout), Is.Zero, process.Output);
    }

    private static string RepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Dps.sln above {start}");
    }

    // bin/<Configuration>/<tfm>/ of the test assembly.
    private static string BuildConfiguration(string bin) =>
        new DirectoryInfo(bin.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string Value(string line) => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();

    private static List<string> Corrupt(string output) =>
        output.Split('\n').Where(l => l.Contains("corrupt", StringComparison.OrdinalIgnoreCase)).ToList();
}
