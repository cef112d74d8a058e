using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dps.Testing.Processes;

namespace Dps.CloudServer.Tests.Process;

/// <summary>
/// The built <c>dps_cloud_server</c> provisioning against a real <c>dps-service</c> (one for the
/// fixture): status output, signals, crashes and restarts, certificate problems, retry timing, DHCP.
/// </summary>
[Category("Integration")]
public class CloudServerProcessTests
{
    private DpsServiceProcess _service = null!;
    private string _serviceDirectory = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        Assert.That(File.Exists(CloudServerBinary.DllPath), Is.True, $"{CloudServerBinary.DllPath} is built next to the tests");
        Assert.That(File.Exists(DpsServiceProcess.DllPath), Is.True, $"{DpsServiceProcess.DllPath} is built with the tests");
        _serviceDirectory = Path.Combine(Path.GetTempPath(), $"dps-cloud-server-service-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _service = await DpsServiceProcess.StartAsync(_serviceDirectory, cancel.Token);
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        if (Directory.Exists(_serviceDirectory))
        {
            Directory.Delete(_serviceDirectory, recursive: true);
        }
    }

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"dps-cloud-server-device-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string Storage => Path.Combine(_directory, "creds");

    private ExternalProcess StartDevice(string pkiDirectory, params string[] arguments) =>
        CloudServerBinary.Start(_directory, ["--pki-dir", pkiDirectory, "--storage-dir", Storage, .. arguments]);

    private static async Task StopAsync(ExternalProcess device)
    {
        device.Signal(ProcessSignals.Sigterm);
        var exitCode = await device.WaitForExitAsync(CloudServerBinary.Timeout);
        Assert.That(exitCode, Is.Zero, device.Output);
    }

    // pki_certs/ whose dpsca.pem is a CA that did not sign the DPS server certificate.
    private string WrongDpscaDirectory()
    {
        var pki = Path.Combine(_directory, "wrong_pki");
        Directory.CreateDirectory(pki);
        foreach (var file in new[] { "mfgcrt.pem", "mfgkey.pem" })
        {
            File.Copy(Path.Combine(_service.PkiCertsDirectory, file), Path.Combine(pki, file));
        }
        File.Copy(_service.UnrelatedCaCertificate, Path.Combine(pki, "dpsca.pem"));
        return pki;
    }

    // A device of its own (own manufacturer certificate, so its own provisioning record).
    private async Task<string> OwnDeviceCertificatesAsync()
    {
        var pki = Path.Combine(_directory, "pki_certs");
        await _service.MintDeviceCertificatesAsync(pki);
        return pki;
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Start_ValidCertificates_StartedCloudThenLoggedInAndOnlineInHub(CancellationToken cancellationToken)
    {
        // GPIO pins on a chip this machine does not have: one warning, the device runs anyway.
        await using var device = StartDevice(_service.PkiCertsDirectory,
            "--gpio-chip", "250", "--status-led", "3", "--reset-button", "4", "proc-device", _service.DpsEndpoint);

        var di = await device.WaitForDeviceIdAsync(cancellationToken);
        await device.WaitForFlagAsync("-Started cloud", cancellationToken);
        await device.WaitForFlagAsync("-Logged In", cancellationToken);
        var devices = await _service.GetAsync("/api/v1/devices", cancellationToken);
        var lines = device.Lines();
        await StopAsync(device);

        var expiry = lines.Select(l => l.Trim()).Where(l => l.StartsWith("-Token Expiry:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Guid.TryParse(di, out _), Is.True, di);
            Assert.That(devices, Does.Contain(di));
            Assert.That(lines.Count(l => l.Contains("warning: GPIO", StringComparison.Ordinal)), Is.EqualTo(1), device.Output);
            Assert.That(lines.IndexOf("\t\t-Started cloud"), Is.LessThan(lines.IndexOf("\t\t-Logged In")));
            Assert.That(expiry, Is.Not.Empty, "the hub gives tokens that expire");
            Assert.That(expiry, Has.All.Matches<string>(l => long.TryParse(l["-Token Expiry:".Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Sighup_AfterLoggedIn_ReprovisionedWithNewDeviceId(CancellationToken cancellationToken)
    {
        await using var device = StartDevice(_service.PkiCertsDirectory, "proc-device", _service.DpsEndpoint);
        var first = await device.WaitForDeviceIdAsync(cancellationToken);
        await device.WaitForFlagAsync("-Logged In", cancellationToken);

        device.Signal(ProcessSignals.Sighup);
        var second = await device.WaitForDeviceIdAsync(cancellationToken, count: 2);
        await device.WaitForFlagAsync("-Logged In", cancellationToken, count: 2);
        var devices = await _service.GetAsync("/api/v1/devices", cancellationToken);
        await StopAsync(device);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(devices, Does.Contain(second));
            Assert.That(device.Lines().Count(l => l.Trim() == "-Get time"), Is.GreaterThanOrEqualTo(2), "provisioned twice");
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Kill9_DuringProvisioning_RestartProvisionsWithTheSameDeviceId(CancellationToken cancellationToken)
    {
        var pki = await OwnDeviceCertificatesAsync();
        // The credentials answer is held back, so the kill lands in the middle of provisioning.
        await _service.SetFaultsAsync("""[{"step": "credentials", "kind": "delay", "delay": "10s", "count": 1}]""", cancellationToken);
        string first;
        try
        {
            await using var crashed = StartDevice(pki, "proc-device", _service.DpsEndpoint);
            first = await crashed.WaitForDeviceIdAsync(cancellationToken);
            await crashed.WaitForFlagAsync("-Get credentials", cancellationToken);
            crashed.Signal(ProcessSignals.Sigkill);
            var exitCode = await crashed.WaitForExitAsync(CloudServerBinary.Timeout);
            Assert.That(exitCode, Is.EqualTo(128 + ProcessSignals.Sigkill));
        }
        finally
        {
            await _service.ClearFaultsAsync();
        }

        await using var restarted = StartDevice(pki, "proc-device", _service.DpsEndpoint);
        var second = await restarted.WaitForDeviceIdAsync(cancellationToken);
        await restarted.WaitForFlagAsync("-Logged In", cancellationToken);
        await StopAsync(restarted);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first), "the device id survives the crash");
            Assert.That(restarted.Lines(), Has.Some.Matches<string>(l => l.Trim() == "-Has set acls"));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Restart_AfterProvisioning_LoggedInWithoutAnyDpsRequest(CancellationToken cancellationToken)
    {
        var pki = await OwnDeviceCertificatesAsync();
        await using var first = StartDevice(pki, "proc-device", _service.DpsEndpoint);
        var di = await first.WaitForDeviceIdAsync(cancellationToken);
        await first.WaitForFlagAsync("-Logged In", cancellationToken);
        await StopAsync(first);
        var recordBefore = await _service.GetProvisioningRecordAsync(di, cancellationToken);

        await using var second = StartDevice(pki, "proc-device", _service.DpsEndpoint);
        var diAfter = await second.WaitForDeviceIdAsync(cancellationToken);
        await second.WaitForFlagAsync("-Logged In", cancellationToken);
        await StopAsync(second);
        var recordAfter = await _service.GetProvisioningRecordAsync(di, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(diAfter, Is.EqualTo(di));
            Assert.That(recordBefore, Is.Not.Null);
            Assert.That(recordAfter, Is.EqualTo(recordBefore), "no DPS request after the restart: the record is unchanged");
            Assert.That(second.Lines(), Has.None.Matches<string>(l => l.Trim() is "-Get time" or "-Get owner" or "-Get credentials"));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task WrongDpsca_DefaultRetryConfiguration_FailureThenRetryInFiveToTenSeconds(CancellationToken cancellationToken)
    {
        await using var device = StartDevice(WrongDpscaDirectory(), "proc-device", _service.DpsEndpoint);

        await device.WaitForFlagAsync("-Failure", cancellationToken);
        await device.WaitForNthLineAsync(l => l.Contains("retry in", StringComparison.Ordinal), 1, cancellationToken);
        await StopAsync(device);

        var retry = device.Retries()[0];
        Assert.Multiple(() =>
        {
            Assert.That(retry.Counter, Is.Zero);
            Assert.That(retry.Delay, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5)).And.LessThan(TimeSpan.FromSeconds(10)), "default first entry 10 s: wait 5..10 s");
            Assert.That(device.Lines(), Has.None.Matches<string>(l => l.Trim() == "-Logged In"));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task WrongDpsca_RetryConfigurationOneTwo_RetriesAfterDelaysFromIt(CancellationToken cancellationToken)
    {
        await using var device = StartDevice(WrongDpscaDirectory(), "-r", "1,2", "proc-device", _service.DpsEndpoint);

        // Three retries: entries 0 and 1, then entry 0 again; the fourth attempt follows the third retry.
        await device.WaitForNthLineAsync(l => l.Contains("retry in", StringComparison.Ordinal), 3, cancellationToken);
        var attempts = 4;
        await device.WaitForNthLineAsync(l => l.Contains("status initialized|provisioning time (", StringComparison.Ordinal), attempts, cancellationToken);
        await StopAsync(device);

        var retries = device.Retries().Take(3).ToList();
        var attemptTimes = device.TimeStepAttempts();
        Assert.Multiple(() =>
        {
            Assert.That(retries.Select(r => r.Counter), Is.EqualTo(new[] { 0, 1, 0 }));
            foreach (var retry in retries)
            {
                var entry = TimeSpan.FromSeconds(retry.Counter == 0 ? 1 : 2);
                Assert.That(retry.Delay, Is.GreaterThanOrEqualTo(entry / 2).And.LessThan(entry), $"counter {retry.Counter}: wait entry/2..entry");
                // The next attempt is logged no earlier than the delay after the retry was scheduled.
                var next = attemptTimes.Select(t => Since(retry.LoggedAt, t)).Where(d => d >= TimeSpan.Zero).Min();
                Assert.That(next, Is.GreaterThanOrEqualTo(retry.Delay - TimeSpan.FromMilliseconds(50)));
            }
            Assert.That(device.Lines().Count(l => l.Trim() == "-Failure"), Is.GreaterThanOrEqualTo(3));
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task WrongDpsca_NoVerifyCa_LoggedIn(CancellationToken cancellationToken)
    {
        await using var device = StartDevice(WrongDpscaDirectory(), "--no-verify-ca", "proc-device", _service.DpsEndpoint);

        await device.WaitForFlagAsync("-Logged In", cancellationToken);
        await StopAsync(device);

        Assert.That(device.Lines(), Has.None.Matches<string>(l => l.Trim() == "-Failure"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task DhcpEnabled_LeaseWithEndpointAndFingerprint_ProvisionsWithoutDpsca(CancellationToken cancellationToken)
    {
        var pki = Path.Combine(_directory, "no_dpsca");
        Directory.CreateDirectory(pki);
        foreach (var file in new[] { "mfgcrt.pem", "mfgkey.pem" })
        {
            File.Copy(Path.Combine(_service.PkiCertsDirectory, file), Path.Combine(pki, file));
        }
        var leases = Path.Combine(_directory, "dhclient.leases");
        File.WriteAllText(leases, $$"""
            lease {
              interface "eth0";
              fixed-address 127.0.0.1;
              option vendor-encapsulated-options {{VendorOptionsHex(_service.DpsEndpoint, _service.DpsServerCertificate)}};
            }
            """);

        // No endpoint on the command line: only the lease file names the DPS.
        await using var device = StartDevice(pki, "-x", "-f", leases, "proc-device", "");
        await device.WaitForFlagAsync("-Logged In", cancellationToken);
        await StopAsync(device);

        Assert.That(device.Lines(), Has.Some.Contains("vendor-encapsulated-options applied: NeedReprovision"));
    }

    // Option 43 payload: 200 = endpoint, 201 = SHA-256 of the DPS server certificate, 202 = "SHA256".
    private static string VendorOptionsHex(string endpoint, string serverCertificatePem)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(serverCertificatePem));
        var digest = SHA256.HashData(certificate.RawData);
        var bytes = new List<byte> { 200, (byte)endpoint.Length };
        bytes.AddRange(Encoding.ASCII.GetBytes(endpoint));
        bytes.AddRange([201, (byte)digest.Length]);
        bytes.AddRange(digest);
        bytes.AddRange([202, 6]);
        bytes.AddRange(Encoding.ASCII.GetBytes("SHA256"));
        return string.Join(':', bytes.Select(b => b.ToString("x", CultureInfo.InvariantCulture)));
    }

    // From one log time of day to a later one (the log may cross midnight UTC).
    private static TimeSpan Since(TimeSpan from, TimeSpan to)
    {
        var difference = to - from;
        return difference < -TimeSpan.FromHours(12) ? difference + TimeSpan.FromDays(1) : difference;
    }
}
