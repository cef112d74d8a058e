using System.Text;
using Dps.LoadTest.Common;

namespace Dps.LoadTest.E2e;

/// <summary>
/// N fresh provisionings of dps_cloud_server (empty storage each time), each followed by a restart of
/// the provisioned device (same storage), one process at a time; prints a Markdown table of p50/p95.
/// </summary>
internal static class E2eCommand
{
    // Milestones in provisioning order: the DPS steps (time, owner, cloud configuration, credentials, ACLs), then the cloud.
    private static readonly (string Key, string Name)[] s_steps =
    [
        ("dps:-Initialized", "DPS start"),
        ("dps:-Has time", "time"),
        ("dps:-Has owner", "ownership"),
        ("dps:-Has cloud configuration", "cloud configuration"),
        ("dps:-Has credentials", "credentials"),
        ("dps:-Has set acls", "ACLs"),
        ("dps:-Started cloud", "CLOUD_STARTED"),
        ("cloud:-Logged In", "cloud LOGGED_IN"),
    ];

    public static async Task<int> RunAsync(Arguments args)
    {
        var label = args.Required("label");
        var work = Path.GetFullPath(args.Required("work"));
        var n = args.Int("n", 30);
        var idleSamples = args.Int("idle-samples", 5);
        var idle = TimeSpan.FromSeconds(args.Double("idle-seconds", 10));
        Directory.CreateDirectory(work);
        using var http = new HttpClient();
        var device = new DeviceProcess
        {
            Executable = Path.GetFullPath(args.Required("device")),
            PkiDirectory = Path.GetFullPath(args.Required("pki")),
            StorageDirectory = Path.Combine(work, "storage"),
            DpsUri = args.Required("dps"),
            HttpApi = new Uri(args.Required("http")),
            Http = http,
            Timeout = TimeSpan.FromSeconds(args.Double("timeout", 60)),
        };

        // One unmeasured provisioning: the service's JIT and the page cache are not device figures.
        for (var i = 0; i < args.Int("warmup", 1); i++)
        {
            if (Directory.Exists(device.StorageDirectory))
            {
                Directory.Delete(device.StorageDirectory, recursive: true);
            }

            var warm = await device.RunAsync(null);
            Console.Error.WriteLine($"{label} warm-up: {Describe(warm)}");
        }

        var fresh = new List<DeviceRun>();
        var restarts = new List<DeviceRun>();
        var load = new List<double>();
        for (var i = 0; i < n; i++)
        {
            if (Directory.Exists(device.StorageDirectory))
            {
                Directory.Delete(device.StorageDirectory, recursive: true);
            }

            var sampleIdle = i < idleSamples ? idle : (TimeSpan?)null;
            var first = await device.RunAsync(sampleIdle);
            fresh.Add(first);
            var second = first.Failure is null ? await device.RunAsync(sampleIdle) : null;
            if (second is not null)
            {
                restarts.Add(second);
            }

            if (double.TryParse(ProcessStats.LoadAverage(), System.Globalization.CultureInfo.InvariantCulture, out var l))
            {
                load.Add(l);
            }

            Console.Error.WriteLine($"{label} {i + 1}/{n}: fresh {Describe(first)}, restart {(second is null ? "skipped" : Describe(second))}");
        }

        var table = Render(label, fresh, restarts, load);
        Console.WriteLine(table);
        if (args.Optional("out") is { } output)
        {
            await File.AppendAllTextAsync(output, table + "\n");
        }

        return fresh.Concat(restarts).Any(r => r.Failure is not null) ? 1 : 0;
    }

    private static string Describe(DeviceRun run) =>
        run.Failure ?? $"logged in at {run.At("cloud:-Logged In"):F0} ms";

    private static string Render(string label, List<DeviceRun> fresh, List<DeviceRun> restarts, List<double> load)
    {
        var ok = fresh.Where(r => r.Failure is null).ToList();
        var okRestarts = restarts.Where(r => r.Failure is null).ToList();
        var text = new StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
            $"### {label}: {ok.Count}/{fresh.Count} fresh provisionings, {okRestarts.Count}/{restarts.Count} restarts logged in (load average {Percentiles.Format(load.DefaultIfEmpty(double.NaN).Average(), 2)})");
        text.AppendLine();
        text.AppendLine("| figure | fresh p50 | fresh p95 | restart p50 | restart p95 |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        void Row(string name, Func<DeviceRun, double?> figure, int decimals = 0)
        {
            var a = ok.Select(figure).OfType<double>().ToList();
            var b = okRestarts.Select(figure).OfType<double>().ToList();
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                $"| {name} | {Percentiles.Format(Percentiles.Of(a, 50), decimals)} | {Percentiles.Format(Percentiles.Of(a, 95), decimals)} | {Percentiles.Format(Percentiles.Of(b, 50), decimals)} | {Percentiles.Format(Percentiles.Of(b, 95), decimals)} |");
        }

        Row("process start → `Started device` (ms)", r => r.At("started"));
        Row("process start → DPS start `-Initialized` (ms)", r => r.At(s_steps[0].Key));
        Row("process start → first DPS request answered (ms, service record)", r => r.FirstDpsRequest);
        for (var i = 1; i < s_steps.Length; i++)
        {
            var (from, to) = (s_steps[i - 1], s_steps[i]);
            Row($"step {to.Name} (ms after {from.Name})", r => r.Between(from.Key, to.Key));
        }

        Row("DPS start → CLOUD_STARTED (ms)", r => r.Between("dps:-Initialized", "dps:-Started cloud"));
        Row("DPS start → cloud LOGGED_IN (ms)", r => r.Between("dps:-Initialized", "cloud:-Logged In"));
        Row("process start → cloud LOGGED_IN (ms)", r => r.At("cloud:-Logged In"));
        Row("device CPU until LOGGED_IN (ms)", r => r.CpuMs);
        Row("device peak RSS (MiB)", r => r.PeakRssMiB, 1);
        Row("device idle RSS 10 s after LOGGED_IN (MiB)", r => r.IdleRssMiB, 1);
        var restartRequests = okRestarts.Count(r => r.FirstDpsRequest is not null);
        text.AppendLine();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
            $"Restarts that sent a DPS request: {restartRequests}/{okRestarts.Count}. Idle RSS sampled on the first {ok.Count(r => r.IdleRssMiB is not null)} runs.");
        return text.ToString();
    }
}
