using System.Diagnostics;
using System.Globalization;
using Dps.Client;
using Dps.IntegrationTests.Harness;
using Dps.Ocf.Cloud;
using Microsoft.Extensions.Logging;

namespace Dps.Benchmarks.Provisioning;

/// <summary>
/// End-to-end provisioning latency on loopback, as a measured loop (one sample per fresh device is
/// too coarse and too slow for BenchmarkDotNet's invocation model): an in-process dps-service, then
/// for each iteration a new device (new store, new manufacturer certificate issued beforehand) is
/// started and the time from <see cref="DpsContext.Start"/> to <see cref="DpsStatus.CloudStarted"/>
/// and to the cloud's <see cref="CloudStatus.LoggedIn"/> is taken. Prints p50, p95, mean, min and
/// max of both; the first <see cref="WarmupIterations"/> runs (JIT) are not counted.
/// </summary>
internal static class ProvisioningLatency
{
    /// <summary>The full name the <c>--filter</c> patterns are matched against.</summary>
    public const string Name = "Dps.Benchmarks.Provisioning.ProvisioningLatency";

    /// <summary>The option that sets the measured iterations.</summary>
    public const string IterationsOption = "--provisioning-iterations";

    /// <summary>Measured iterations unless <see cref="IterationsOption"/> says otherwise.</summary>
    public const int DefaultIterations = 30;

    /// <summary>Runs not counted (JIT, first TLS handshakes).</summary>
    public const int WarmupIterations = 3;

    private static readonly TimeSpan s_iterationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Measures <paramref name="iterations"/> fresh devices and writes the figures to <paramref name="output"/>.</summary>
    public static async Task RunAsync(int iterations, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"// Provisioning latency: {iterations} fresh devices (+{WarmupIterations} warm-up) against an in-process dps-service on loopback");
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var toCloudStarted = new List<double>(iterations);
        var toLoggedIn = new List<double>(iterations);
        for (var i = 0; i < WarmupIterations + iterations; i++)
        {
            var (cloudStarted, loggedIn) = await MeasureOneAsync(service, cancellationToken);
            if (i >= WarmupIterations)
            {
                toCloudStarted.Add(cloudStarted.TotalMilliseconds);
                toLoggedIn.Add(loggedIn.TotalMilliseconds);
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("| measure | p50 | p95 | mean | min | max | target |");
        await output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|");
        await output.WriteLineAsync(Row("start → CloudStarted", toCloudStarted, "≤ 250 ms"));
        await output.WriteLineAsync(Row("start → cloud LoggedIn", toLoggedIn, "≤ 500 ms"));
        await output.WriteLineAsync();
    }

    private static async Task<(TimeSpan CloudStarted, TimeSpan LoggedIn)> MeasureOneAsync(ServiceUnderTest service, CancellationToken cancellationToken)
    {
        var credentials = service.IssueDevice();
        await using var device = DeviceUnderTest.Create(service, credentials, logLevel: LogLevel.Warning);
        long cloudStarted = 0;
        long loggedIn = 0;
        device.Dps.Context.StatusChanged += (_, e) =>
        {
            if ((e.Status & DpsStatus.CloudStarted) != 0)
            {
                Interlocked.CompareExchange(ref cloudStarted, Stopwatch.GetTimestamp(), 0);
            }
        };
        device.Dps.CloudManager.StatusChanged += (_, e) =>
        {
            if ((e.Status & CloudStatus.LoggedIn) != 0)
            {
                Interlocked.CompareExchange(ref loggedIn, Stopwatch.GetTimestamp(), 0);
            }
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_iterationTimeout);

        var start = Stopwatch.GetTimestamp();
        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(timeout.Token);
        return (Stopwatch.GetElapsedTime(start, Interlocked.Read(ref cloudStarted)), Stopwatch.GetElapsedTime(start, Interlocked.Read(ref loggedIn)));
    }

    private static string Row(string measure, List<double> samples, string target)
    {
        samples.Sort();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {measure} | {Percentile(samples, 50):F1} ms | {Percentile(samples, 95):F1} ms | {samples.Average():F1} ms | {samples[0]:F1} ms | {samples[^1]:F1} ms | {target} |");
    }

    // Nearest rank on sorted samples.
    private static double Percentile(List<double> sorted, int percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
