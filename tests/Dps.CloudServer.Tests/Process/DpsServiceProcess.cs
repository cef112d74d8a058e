using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Dps.Testing.Processes;

namespace Dps.CloudServer.Tests.Process;

/// <summary>
/// A real <c>dps-service</c> for the process tests: <c>init --dir</c> into a directory, then
/// <c>run</c> on free loopback ports, with its HTTP API at hand. Stopped with SIGTERM on dispose.
/// </summary>
internal sealed class DpsServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;

    private DpsServiceProcess(string directory, ExternalProcess process, string dps, string hub, Uri http)
    {
        Directory = directory;
        Process = process;
        DpsEndpoint = dps;
        HubEndpoint = hub;
        _http = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>The built <c>dps-service.dll</c> (the test project builds it; its path is compiled in).</summary>
    public static string DllPath =>
        typeof(DpsServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "DpsServiceDll").Value!;

    /// <summary>The directory <c>init</c> wrote.</summary>
    public string Directory { get; }

    /// <summary>The device credentials <c>init</c> wrote (<c>dpsca.pem</c>, <c>mfgcrt.pem</c>, <c>mfgkey.pem</c>).</summary>
    public string PkiCertsDirectory => Path.Combine(Directory, "pki_certs");

    /// <summary>The DPS server certificate.</summary>
    public string DpsServerCertificate => Path.Combine(Directory, "pki", "dps-server.crt");

    /// <summary>A CA that did not sign the DPS server certificate (the hub CA).</summary>
    public string UnrelatedCaCertificate => Path.Combine(Directory, "pki", "cloud-ca.crt");

    /// <summary>The running service.</summary>
    public ExternalProcess Process { get; }

    /// <summary>The <c>dps:</c> line: the DPS endpoint URI.</summary>
    public string DpsEndpoint { get; }

    /// <summary>The <c>hub:</c> line.</summary>
    public string HubEndpoint { get; }

    /// <summary>Runs <c>init</c> into <paramref name="directory"/> and starts <c>run</c> on free ports.</summary>
    public static async Task<DpsServiceProcess> StartAsync(string directory, CancellationToken cancellationToken)
    {
        await RunToEndAsync(["init", "--dir", directory]);
        var process = ExternalProcess.Start("dotnet",
        [
            DllPath, "run", "--config", Path.Combine(directory, "dps-service.yaml"),
            "--dps-listen", "127.0.0.1:0", "--hub-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0",
        ]);
        try
        {
            var dps = await process.WaitForLineAsync(l => l.StartsWith("dps: ", StringComparison.Ordinal), StartTimeout, cancellationToken);
            var hub = await process.WaitForLineAsync(l => l.StartsWith("hub: ", StringComparison.Ordinal), StartTimeout, cancellationToken);
            var http = await process.WaitForLineAsync(l => l.StartsWith("http: ", StringComparison.Ordinal), StartTimeout, cancellationToken);
            return new DpsServiceProcess(directory, process, dps["dps: ".Length..], hub["hub: ".Length..], new Uri(http["http: ".Length..]));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Mints another device's <c>pki_certs/</c> (its own manufacturer certificate) into <paramref name="outputDirectory"/>.</summary>
    public Task MintDeviceCertificatesAsync(string outputDirectory) =>
        RunToEndAsync(["mfg-cert", "--dir", Directory, "--out", outputDirectory]);

    /// <summary>GET on the HTTP API; the body as text.</summary>
    public async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>The provisioning record of the device <paramref name="deviceId"/> as JSON text, or null.</summary>
    public async Task<string?> GetProvisioningRecordAsync(string deviceId, CancellationToken cancellationToken)
    {
        using var records = JsonDocument.Parse(await GetAsync("/api/v1/provisioning-records", cancellationToken));
        foreach (var record in records.RootElement.EnumerateArray())
        {
            if (record.TryGetProperty("deviceId", out var di) && di.ValueKind == JsonValueKind.String
                && string.Equals(di.GetString(), deviceId, StringComparison.OrdinalIgnoreCase))
            {
                return record.GetRawText();
            }
        }
        return null;
    }

    /// <summary>Arms fault rules (<c>POST /api/v1/faults</c>).</summary>
    public async Task SetFaultsAsync(string rulesJson, CancellationToken cancellationToken)
    {
        using var content = new StringContent(rulesJson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri("/api/v1/faults", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"POST /api/v1/faults: {(int)response.StatusCode} {body}");
    }

    /// <summary>Disarms every fault rule.</summary>
    public async Task ClearFaultsAsync()
    {
        using var response = await _http.DeleteAsync(new Uri("/api/v1/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>SIGTERM, then the process tree is killed if it has not stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        Process.Signal(ProcessSignals.Sigterm);
        try
        {
            await Process.WaitForExitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // Killed below.
        }
        await Process.DisposeAsync();
    }

    private static async Task RunToEndAsync(IEnumerable<string> arguments)
    {
        await using var process = ExternalProcess.Start("dotnet", [DllPath, .. arguments]);
        var exitCode = await process.WaitForExitAsync(StartTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dps-service {string.Join(' ', arguments)} exited with {exitCode}:\n{process.Output}");
        }
    }
}
