using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Faults;
using Dps.Service.Hosting;
using Dps.Service.Identity;
using Dps.Service.Pki;
using Dps.Service.Records;
using Dps.Testing;
using Microsoft.Extensions.Logging;

namespace Dps.IntegrationTests.Harness;

/// <summary>
/// A <c>dps-service</c> running in-process on loopback (DPS, hub gateway and HTTP API on free
/// ports) over a fresh development PKI in a scratch directory (what <c>dps-service init</c> writes);
/// disposing it stops the service and deletes the directory. Issues manufacturer certificates for
/// devices (<see cref="IssueDevice"/>), arms faults (<see cref="Respond"/>, <see cref="Arm"/>) and
/// reads the per-step request counts (<see cref="RequestCount"/>).
/// </summary>
internal sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private int _devices;

    private ServiceUnderTest(string directory, DpsServiceHost host, RecordingLogger log, ILoggerFactory loggerFactory)
    {
        Directory = directory;
        Host = host;
        Log = log;
        _loggerFactory = loggerFactory;
        Http = new HttpClient { BaseAddress = new Uri(host.HttpUri), Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>The scratch directory (PKI, configuration, database).</summary>
    public string Directory { get; }

    /// <summary>The running service.</summary>
    public DpsServiceHost Host { get; }

    /// <summary>The service's logs (Information and above).</summary>
    public RecordingLogger Log { get; }

    /// <summary>A client of the HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary><c>coaps+tcp://127.0.0.1:PORT</c> of the DPS.</summary>
    public string DpsUri => Host.DpsUri;

    /// <summary>The DPS CA certificate PEM (what devices trust as <c>dpsca.pem</c>).</summary>
    public string DpsCaPem => File.ReadAllText(Path.Combine(Directory, DevelopmentPki.DpsCaFile));

    /// <summary>The DPS server's leaf certificate.</summary>
    public X509Certificate2 LoadDpsServerCertificate() =>
        PemCertificates.LoadChainFile(Path.Combine(Directory, ServiceConfigTemplate.DpsCertificateFile))[0];

    /// <summary>SHA-256 of the DPS server certificate's DER (for fingerprint pinning).</summary>
    public byte[] DpsServerFingerprintSha256()
    {
        using var certificate = LoadDpsServerCertificate();
        return SHA256.HashData(certificate.RawData);
    }

    /// <summary>
    /// Starts a service. <paramref name="editConfig"/> may rewrite the generated
    /// <c>dps-service.yaml</c> text (e.g. the <c>certificates:</c> validity) before it is loaded.
    /// Error answers are followed by a close after <paramref name="closeDelay"/> (default 100 ms).
    /// </summary>
    public static async Task<ServiceUnderTest> StartAsync(
        Func<string, string>? editConfig = null,
        TimeSpan? closeDelay = null,
        CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("dps-integration-").FullName;
        try
        {
            DevelopmentPki.Initialize(directory, "1", force: false, TimeProvider.System);
            var configFile = Path.Combine(directory, DevelopmentPki.ConfigFileName);
            if (editConfig is not null)
            {
                await File.WriteAllTextAsync(configFile, editConfig(await File.ReadAllTextAsync(configFile, cancellationToken)), cancellationToken);
            }

            var config = ServiceConfigLoader.Load(configFile);
            var log = new RecordingLogger("dps-service") { MinimumLevel = LogLevel.Information };
            var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information));
            var loopback = new IPEndPoint(IPAddress.Loopback, 0);
            var host = await DpsServiceHost.StartAsync(config, new DpsServiceHostOptions
            {
                DpsAddress = loopback,
                HubAddress = loopback,
                HttpAddress = loopback,
                LoggerFactory = loggerFactory,
                CloseDelay = closeDelay ?? TimeSpan.FromMilliseconds(100),
            }, cancellationToken);
            return new ServiceUnderTest(directory, host, log, loggerFactory);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Mints a new manufacturer certificate (<c>CN=uuid:&lt;random&gt;</c>) from the service's manufacturer CA.</summary>
    public ManufacturerCredentials IssueDevice()
    {
        var output = Path.Combine(Directory, "devices", Interlocked.Increment(ref _devices).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var commonName = DevelopmentPki.IssueDevice(Directory, output, null, TimeProvider.System);
        return ManufacturerCredentials.Load(output, commonName);
    }

    /// <summary>The requests the service handled for <paramref name="step"/>.</summary>
    public long RequestCount(FaultStep step) => Host.Faults.RequestCount(step);

    /// <summary>The five DPS steps' request counts: time, ownership, cloud configuration, credentials, ACLs.</summary>
    public long[] DpsRequestCounts() =>
    [
        RequestCount(FaultStep.Time),
        RequestCount(FaultStep.Ownership),
        RequestCount(FaultStep.CloudConfiguration),
        RequestCount(FaultStep.Credentials),
        RequestCount(FaultStep.Acls),
    ];

    /// <summary>The total of <see cref="DpsRequestCounts"/>.</summary>
    public long TotalDpsRequests() => DpsRequestCounts().Sum();

    /// <summary>Arms: answer <paramref name="code"/> to the next <paramref name="count"/> requests of each of <paramref name="steps"/>.</summary>
    public void Respond(CoapCode code, int count, params FaultStep[] steps)
    {
        foreach (var step in steps)
        {
            Host.Faults.Add(FaultRule.Respond(step, code, count));
        }
    }

    /// <summary>Arms rules given as the HTTP API's JSON (<c>[{"step": "time", "kind": "drop"}]</c>), after the armed ones.</summary>
    public void Arm(string json)
    {
        foreach (var rule in FaultPlan.ParseJson(json))
        {
            Host.Faults.Add(rule);
        }
    }

    /// <summary>The hub's record of <paramref name="deviceId"/>, or null.</summary>
    public Task<HubDevice?> GetHubDeviceAsync(Guid deviceId, CancellationToken cancellationToken = default) =>
        Host.Devices.GetAsync(deviceId.ToString("D"), cancellationToken);

    /// <summary>The provisioning record of the manufacturer certificate of <paramref name="credentials"/>, or null.</summary>
    public Task<ProvisioningRecord?> GetProvisioningRecordAsync(ManufacturerCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        using var leaf = credentials.LoadLeaf();
        return Host.Records.GetAsync(DeviceUuid.Format(ManufacturerCertificateId.FromCertificate(leaf)), cancellationToken);
    }

    /// <summary>GET <paramref name="path"/> of the HTTP API as JSON.</summary>
    public Task<T?> GetJsonAsync<T>(string path, CancellationToken cancellationToken = default) =>
        Http.GetFromJsonAsync<T>(path, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _loggerFactory.Dispose();
        TryDelete(Directory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
