using System.Text.Json;
using System.Text.RegularExpressions;
using Dps.Security;
using Dps.Service.Pki;
using Dps.Testing.Processes;

namespace Dps.Service.Tests.Network;

/// <summary><c>dps-service init</c>, <c>mfg-cert</c> and <c>run</c> as real processes from a temporary directory.</summary>
[Category("Integration")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public partial class ServiceProcessTests
{
    private string _directory = null!;

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string ServiceDll => Path.Combine(AppContext.BaseDirectory, "dps-service.dll");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("dps-service-process-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task InitThenRun_FreshDirectory_PrintsThreeAddressesServesAndStopsOnSigterm(CancellationToken cancellationToken)
    {
        await CommandLineTool.RunCheckedAsync(Dotnet, [ServiceDll, "init", "--dir", _directory], _directory);
        var config = Path.Combine(_directory, DevelopmentPki.ConfigFileName);
        await using var service = ExternalProcess.Start(Dotnet, [ServiceDll, "run", "--config", config, "--dps-listen", "127.0.0.1:0", "--hub-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"], _directory);

        var dps = await service.WaitForLineAsync(l => l.StartsWith("dps: ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), cancellationToken);
        var hub = await service.WaitForLineAsync(l => l.StartsWith("hub: ", StringComparison.Ordinal), TimeSpan.FromSeconds(5), cancellationToken);
        var http = await service.WaitForLineAsync(l => l.StartsWith("http: ", StringComparison.Ordinal), TimeSpan.FromSeconds(5), cancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(http["http: ".Length..]) };
        using var groups = JsonDocument.Parse(await client.GetStringAsync("/api/v1/enrollment-groups", cancellationToken));
        service.Signal(15);
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(dps, Does.Match(CoapsAddress()));
            Assert.That(hub, Does.Match(CoapsAddress()));
            Assert.That(http, Does.Match(@"^http: http://127\.0\.0\.1:\d+$"));
            Assert.That(groups.RootElement[0].GetProperty("hubs")[0].GetProperty("gateways")[0].GetString(), Is.EqualTo(hub["hub: ".Length..]));
            Assert.That(exitCode, Is.Zero, service.Output);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Init_RunTwice_SecondRunChangesNothing(CancellationToken cancellationToken)
    {
        DevelopmentPki.Initialize(_directory, "1", force: false, TimeProvider.System);
        var before = await File.ReadAllTextAsync(Path.Combine(_directory, "pki_certs", "mfgcrt.pem"), cancellationToken);

        var output = await CommandLineTool.RunCheckedAsync(Dotnet, [ServiceDll, "init", "--dir", _directory], _directory);

        Assert.Multiple(async () =>
        {
            Assert.That(output, Does.Contain("nothing changed"));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_directory, "pki_certs", "mfgcrt.pem"), cancellationToken), Is.EqualTo(before));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task MfgCert_AfterInit_WritesAnotherDevicesCredentials(CancellationToken cancellationToken)
    {
        DevelopmentPki.Initialize(_directory, "1", force: false, TimeProvider.System);
        var output = Path.Combine(_directory, "device2");

        await CommandLineTool.RunCheckedAsync(Dotnet, [ServiceDll, "mfg-cert", "--dir", _directory, "--out", output], _directory);

        using var identity = TlsIdentity.FromPemFiles(Path.Combine(output, "mfgcrt.pem"), Path.Combine(output, "mfgkey.pem"));
        using var first = TlsIdentity.FromPemFiles(Path.Combine(_directory, "pki_certs", "mfgcrt.pem"), Path.Combine(_directory, "pki_certs", "mfgkey.pem"));
        var roots = PemCertificates.LoadChainFile(Path.Combine(_directory, "pki", "mfg-root.crt"));
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(output, "mfgkey.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(OcfCertificates.TryGetDeviceId(identity.Certificate, out _), Is.True);
            Assert.That(identity.Certificate.Thumbprint, Is.Not.EqualTo(first.Certificate.Thumbprint));
            Assert.That(CertificateChainVerifier.Verify(identity.Certificate, roots, identity.Intermediates).IsTrusted, Is.True);
            Assert.That(File.ReadAllText(Path.Combine(output, "dpsca.pem")), Is.EqualTo(File.ReadAllText(Path.Combine(_directory, "pki_certs", "dpsca.pem"))));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_InvalidConfig_ExitsNonZeroNamingTheKey(CancellationToken cancellationToken)
    {
        var config = Path.Combine(_directory, "bad.yaml");
        await File.WriteAllTextAsync(config, "tls: {}\n", cancellationToken);

        var (exitCode, output) = await CommandLineTool.RunAsync(Dotnet, [ServiceDll, "run", "--config", config], _directory);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain(config).And.Contain("tls.dps"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_DpsPortInUse_ExitsNonZeroSayingWhy(CancellationToken cancellationToken)
    {
        DevelopmentPki.Initialize(_directory, "1", force: false, TimeProvider.System);
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((System.Net.IPEndPoint)occupied.LocalEndpoint).Port;

        var (exitCode, output) = await CommandLineTool.RunAsync(
            Dotnet,
            [ServiceDll, "run", "--config", Path.Combine(_directory, DevelopmentPki.ConfigFileName), "--dps-listen", $"127.0.0.1:{port}", "--hub-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"],
            _directory);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Does.Contain("cannot start"));
        });
    }

    [GeneratedRegex(@"^(dps|hub): coaps\+tcp://127\.0\.0\.1:\d+$")]
    private static partial Regex CoapsAddress();
}
