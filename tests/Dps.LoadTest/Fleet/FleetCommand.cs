using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Dps.LoadTest.Common;
using Dps.Security;

namespace Dps.LoadTest.Fleet;

/// <summary>
/// K in-process devices, each with its own manufacturer certificate (issued here from the
/// manufacturer CA of the service's init directory) and its own TLS connection, started at once
/// against one dps-service process; prints one Markdown table row.
/// </summary>
internal static class FleetCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var serviceDir = Path.GetFullPath(args.Required("service-dir"));
        var dpsUri = args.Required("dps");
        var servicePid = args.Int("service-pid", 0);
        var k = args.Int("k", 1);
        var tlsLimit = args.Optional("tls-limit") is null ? double.NaN : args.Double("tls-limit", 1);
        var tlsCpu = args.Optional("tls-cpu") is null ? double.NaN : args.Double("tls-cpu", 1);
        var timeout = TimeSpan.FromSeconds(args.Double("timeout", 240));

        // Unmeasured warm-up devices first: the JIT of the service and of this process is not a fleet figure.
        var warmup = args.Int("warmup", 10);
        var warm = CreateDevices(serviceDir, dpsUri, warmup);
        var warmStart = Stopwatch.GetTimestamp();
        foreach (var device in warm)
        {
            device.Start();
        }

        var warmed = await WaitAllAsync(warm.Select(d => d.LoggedInTask), warmStart, timeout);
        await Task.WhenAll(warm.Select(async d => await d.DisposeAsync()));
        if (warmed != warmup)
        {
            Console.Error.WriteLine($"warm-up: only {warmed}/{warmup} devices logged in");
            return 1;
        }

        var devices = CreateDevices(serviceDir, dpsUri, k);
        var serviceCpu0 = ProcessStats.CpuMilliseconds(servicePid) ?? double.NaN;
        var selfCpu0 = ProcessStats.CpuMilliseconds(Environment.ProcessId) ?? double.NaN;
        var start = Stopwatch.GetTimestamp();
        foreach (var device in devices)
        {
            device.Start();
        }

        var provisioned = await WaitAllAsync(devices.Select(d => d.ProvisionedTask), start, timeout);
        var serviceCpuProvisioned = ProcessStats.CpuMilliseconds(servicePid) ?? double.NaN;
        var provisionedWall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var loggedIn = await WaitAllAsync(devices.Select(d => d.LoggedInTask), start, timeout);
        var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var serviceCpu = (ProcessStats.CpuMilliseconds(servicePid) ?? double.NaN) - serviceCpu0;
        var selfCpu = (ProcessStats.CpuMilliseconds(Environment.ProcessId) ?? double.NaN) - selfCpu0;
        var serviceRss = ProcessStats.RssMiB(servicePid) ?? double.NaN;
        var servicePeak = ProcessStats.PeakRssMiB(servicePid) ?? double.NaN;

        var ok = devices.Where(d => d.Provisioned != 0).ToList();
        var latencies = ok.Select(d => Stopwatch.GetElapsedTime(d.Started, d.Provisioned).TotalMilliseconds).ToList();
        var loginLatencies = devices.Where(d => d.LoggedIn != 0).Select(d => Stopwatch.GetElapsedTime(d.Started, d.LoggedIn).TotalMilliseconds).ToList();
        var lastProvisioned = ok.Count == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, ok.Max(d => d.Provisioned)).TotalMilliseconds;
        var rate = ok.Count == 0 ? double.NaN : ok.Count / (lastProvisioned / 1000);
        var lastLogin = loginLatencies.Count == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, devices.Where(d => d.LoggedIn != 0).Max(d => d.LoggedIn)).TotalMilliseconds;
        var loginRate = loginLatencies.Count / (lastLogin / 1000);
        var failed = k - loggedIn;
        var cpuPerDevice = (serviceCpu + selfCpu) / k;
        var retries = devices.Sum(d => d.DpsErrors) + devices.Sum(d => d.CloudFailures);

        // | K | provisioned | logged in | retries | devices/s | p50 | p95 | p99 | logged in/s | login p50/p95 | svc CPU | svc RSS | loadgen CPU | CPU per device | of TLS limit (rate, CPU) | load |
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {k} | {provisioned}/{k} | {loggedIn}/{k} | {retries} | {Percentiles.Format(rate, 1)} | {Percentiles.Format(Percentiles.Of(latencies, 50))} | {Percentiles.Format(Percentiles.Of(latencies, 95))} | {Percentiles.Format(Percentiles.Of(latencies, 99))} | {Percentiles.Format(loginRate, 1)} | {Percentiles.Format(Percentiles.Of(loginLatencies, 50))} / {Percentiles.Format(Percentiles.Of(loginLatencies, 95))} | {Percentiles.Format(serviceCpuProvisioned - serviceCpu0)} / {Percentiles.Format(serviceCpu)} ({Percentiles.Format(serviceCpu / wall * 100)} %) | {Percentiles.Format(serviceRss, 1)} / {Percentiles.Format(servicePeak, 1)} | {Percentiles.Format(selfCpu)} | {Percentiles.Format(cpuPerDevice, 1)} | {Percentiles.Format(rate / tlsLimit * 100, 1)} % / {Percentiles.Format(tlsCpu / cpuPerDevice * 100, 1)} % | {ProcessStats.LoadAverage()} |");
        Console.WriteLine(row);
        if (args.Optional("out") is { } output)
        {
            await File.AppendAllTextAsync(output, row + "\n");
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"K={k}: provisioned {provisioned} in {provisionedWall:F0} ms, logged in {loggedIn} in {wall:F0} ms, {failed} failed, {retries} retry notifications"));
        await Task.WhenAll(devices.Select(async d => await d.DisposeAsync()));
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> WaitAllAsync(IEnumerable<Task> tasks, long start, TimeSpan timeout)
    {
        var list = tasks.ToList();
        var remaining = timeout - Stopwatch.GetElapsedTime(start);
        if (remaining > TimeSpan.Zero)
        {
            await Task.WhenAny(Task.WhenAll(list), Task.Delay(remaining));
        }

        return list.Count(t => t.IsCompletedSuccessfully);
    }

    private static List<FleetDevice> CreateDevices(string serviceDir, string dpsUri, int k)
    {
        var pki = Path.Combine(serviceDir, "pki");
        using var issuer = CertificateAuthority.FromPem(
            File.ReadAllText(Path.Combine(pki, "mfg-intermediate.crt")) + File.ReadAllText(Path.Combine(pki, "mfg-root.crt")),
            File.ReadAllText(Path.Combine(pki, "mfg-intermediate.key")));
        var dpsCa = File.ReadAllText(Path.Combine(pki, "dps-ca.crt"));
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var devices = new List<FleetDevice>(k);
        for (var i = 0; i < k; i++)
        {
            var subject = new X500DistinguishedNameBuilder();
            subject.AddCommonName(OcfCertificates.ToCommonName(Guid.NewGuid()));
            subject.AddOrganizationName("dps-loadtest");
            using var key = EcKeys.Generate();
            using var leaf = issuer.IssueDeviceCertificate(subject.Build(), key, notBefore, notBefore.AddDays(30));
            devices.Add(new FleetDevice(i, dpsUri, dpsCa, PemCertificates.ToPem([leaf, issuer.Certificate]), EcKeys.ToPkcs8Pem(key)));
        }

        return devices;
    }
}
