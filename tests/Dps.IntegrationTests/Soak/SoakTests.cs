using System.Globalization;
using System.Net;
using Dps.Client;
using Dps.Client.Ocf;
using Dps.IntegrationTests.Harness;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Service.Configuration;
using Dps.Service.Faults;
using Dps.Service.Hosting;
using Dps.Service.Pki;

namespace Dps.IntegrationTests.Soak;

/// <summary>
/// One device and the service on one fake clock for simulated days: identity certificates living
/// 1 h, hub tokens 10 min, a hub restart every simulated day. The clock moves in 5 s steps; after a
/// step that ran a timer the driver waits (real time) until the device and the service are quiet.
/// </summary>
[Category("Integration")]
public sealed class SoakTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CertificateLifetime = TimeSpan.FromHours(1);

    /// <summary>CI: 3 simulated days (about 30 s of real time).</summary>
    [Test]
    [CancelAfter(120_000)]
    public Task Run_3SimulatedDays_LoggedInRenewedBeforeExpiryHeapBounded(CancellationToken cancellationToken) =>
        RunAsync(3, cancellationToken);

    /// <summary>The full soak: 30 simulated days (run with <c>--filter Category=Soak</c>).</summary>
    [Test]
    [Explicit("30 simulated days take about 5 minutes of real time")]
    [Category("Soak")]
    [CancelAfter(1_800_000)]
    public Task Run_30SimulatedDays_LoggedInRenewedBeforeExpiryHeapBounded(CancellationToken cancellationToken) =>
        RunAsync(30, cancellationToken);

    private static async Task RunAsync(int days, CancellationToken cancellationToken)
    {
        var time = new CountingTimeProvider(DateTimeOffset.UtcNow);
        var directory = Directory.CreateTempSubdirectory("dps-soak-").FullName;
        try
        {
            DevelopmentPki.Initialize(directory, "1", force: false, TimeProvider.System);
            var configFile = Path.Combine(directory, DevelopmentPki.ConfigFileName);
            var yaml = (await File.ReadAllTextAsync(configFile, cancellationToken))
                .Replace("dpsTokenLifetime: 1h", "dpsTokenLifetime: 10m", StringComparison.Ordinal)
                .Replace("hubTokenLifetime: 1h", "hubTokenLifetime: 10m", StringComparison.Ordinal)
                .Replace("validFrom: 1h", "validFrom: 0s", StringComparison.Ordinal)
                .Replace("validity: 87600h", "validity: 1h", StringComparison.Ordinal);
            await File.WriteAllTextAsync(configFile, yaml, cancellationToken);
            var loopback = new IPEndPoint(IPAddress.Loopback, 0);
            await using var host = await DpsServiceHost.StartAsync(ServiceConfigLoader.Load(configFile), new DpsServiceHostOptions
            {
                DpsAddress = loopback,
                HubAddress = loopback,
                HttpAddress = loopback,
                TimeProvider = time,
                CloseDelay = TimeSpan.FromMilliseconds(100),
            }, cancellationToken);
            var output = Path.Combine(directory, "device");
            var credentials = ManufacturerCredentials.Load(output, DevelopmentPki.IssueDevice(directory, output, null, TimeProvider.System));

            await using var stack = new OcfStack(new OcfStackOptions { Store = new InMemoryOcfStore(), Device = new OcfDeviceOptions { Name = "soak" } }, time);
            DeviceUnderTest.InstallManufacturerCredentials(stack, credentials, credentials.DpsCaPem);
            await using var dps = stack.AddDps(
                0,
                new DpsClientOptions
                {
                    Endpoints = [new DpsEndpoint(host.DpsUri, "dps-service")],
                    ExpiringLimit = TimeSpan.FromMinutes(10),
                },
                new DpsContextOptions { TimeProvider = time, Random = new ShortestJitter() },
                new CloudManagerOptions { KeepAliveInterval = TimeSpan.FromMinutes(5) });
            var refreshed = 0L;
            dps.CloudManager.StatusChanged += (_, e) =>
            {
                if ((e.Status & CloudStatus.RefreshedToken) != 0)
                {
                    Interlocked.Increment(ref refreshed);
                }
            };

            var start = time.GetUtcNow();
            var end = start + TimeSpan.FromDays(days);
            var loggedIn = TimeSpan.Zero;
            var restarts = 0;
            var credentialRequests = new List<DateTimeOffset>();
            var heap = new List<long>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            dps.Context.Start();
            await SettleAsync(time, host, dps, () => Interlocked.Read(ref refreshed), cancellationToken);
            while (time.GetUtcNow() < end)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fired = time.Fired;
                time.Advance(Step);
                var now = time.GetUtcNow();
                if ((now - start).Ticks % TimeSpan.TicksPerDay < Step.Ticks && now - start >= TimeSpan.FromDays(1))
                {
                    // Every simulated day: the hub restarts; the device must sign in again.
                    // Closing connections waits on the fake clock too: keep it moving until the restart is done.
                    var restart = host.RestartHubAsync(cancellationToken);
                    while (!restart.IsCompleted)
                    {
                        await Task.WhenAny(restart, Task.Delay(1, cancellationToken));
                        if (!restart.IsCompleted)
                        {
                            time.Advance(TimeSpan.FromMilliseconds(100));
                        }
                    }

                    await restart;
                    restarts++;
                    await SettleAsync(time, host, dps, () => Interlocked.Read(ref refreshed), cancellationToken);
                    heap.Add(GC.GetTotalMemory(forceFullCollection: true));
                }
                else if (time.Fired != fired || (dps.CloudManager.Status & CloudStatus.LoggedIn) == 0)
                {
                    // A timer ran, or the device is on its way to the hub (connecting is real I/O).
                    await SettleAsync(time, host, dps, () => Interlocked.Read(ref refreshed), cancellationToken);
                }

                while (credentialRequests.Count < host.Faults.RequestCount(FaultStep.Credentials))
                {
                    credentialRequests.Add(now);
                }

                if ((dps.CloudManager.Status & CloudStatus.LoggedIn) != 0)
                {
                    loggedIn += Step;
                }

                if ((now - start).Ticks % (6 * TimeSpan.TicksPerHour) < Step.Ticks)
                {
                    TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"soak {now - start}: real {clock.Elapsed.TotalSeconds:F1} s, logged in {loggedIn / (now - start):P2}, dps {dps.Context.Status}, cloud {dps.CloudManager.Status}, credentials {credentialRequests.Count}, refreshes {Interlocked.Read(ref refreshed)}, timers {time.Fired}"));
                }
            }

            var simulated = time.GetUtcNow() - start;
            var share = loggedIn / simulated;
            var gaps = credentialRequests.Zip(credentialRequests.Skip(1), (a, b) => b - a).ToList();
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak: {days} days, logged in {share:P3}, {credentialRequests.Count} credential requests (longest gap {(gaps.Count > 0 ? gaps.Max() : TimeSpan.Zero)}), {Interlocked.Read(ref refreshed)} token refreshes, {restarts} hub restarts, heap per day (MB): {string.Join(" ", heap.Select(h => (h / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)))}"));
            Assert.Multiple(() =>
            {
                Assert.That(share, Is.GreaterThanOrEqualTo(0.999), "logged in share of simulated time");
                Assert.That(credentialRequests, Has.Count.GreaterThanOrEqualTo((int)(simulated / CertificateLifetime)), "one renewal per certificate lifetime at least");
                Assert.That(gaps, Has.All.LessThan(CertificateLifetime), "every renewal before the previous certificate expired");
                Assert.That(Interlocked.Read(ref refreshed), Is.GreaterThanOrEqualTo((long)(simulated / TimeSpan.FromMinutes(10))), "token refreshes");
                Assert.That(restarts, Is.EqualTo(days), "one hub restart at the end of every simulated day");
                Assert.That(heap[^1], Is.LessThan((heap[0] * 3 / 2) + (8L << 20)), "managed heap after the last day vs the first");
            });
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // Waits until neither side does anything for a while: no timer ran, no status changed, no request
    // reached the service, no DPS request or refresh is in flight.
    private static async Task SettleAsync(CountingTimeProvider time, DpsServiceHost host, OcfDps dps, Func<long> refreshed, CancellationToken cancellationToken)
    {
        var quietRounds = 0;
        var last = Snapshot();
        for (var round = 0; round < 5_000 && quietRounds < 3; round++)
        {
            await Task.Delay(1, cancellationToken);
            var current = Snapshot();
            var busy = (dps.Context.Status & (DpsStatus.GetTime | DpsStatus.GetOwner | DpsStatus.GetCloud | DpsStatus.GetCredentials | DpsStatus.GetAcls | DpsStatus.RenewCredentials)) != 0;
            quietRounds = current == last && !busy ? quietRounds + 1 : 0;
            last = current;
        }

        (long, DpsStatus, CloudStatus, long) Snapshot() =>
            (time.Fired, dps.Context.Status, dps.CloudManager.Status, host.Faults.RequestCounts().Values.Sum());
    }
}
