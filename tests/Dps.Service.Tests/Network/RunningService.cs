using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Dps.Coap;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Hosting;
using Dps.Service.Pki;
using Dps.Testing;
using Microsoft.Extensions.Logging;

namespace Dps.Service.Tests.Network;

/// <summary>
/// A dps-service started in-process from a fresh <c>init</c> setup on loopback port 0 (DPS, hub,
/// HTTP); everything is stopped and deleted on dispose. Error logs are collected in <see cref="Log"/>.
/// </summary>
internal sealed class RunningService : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;

    private RunningService(string directory, DpsServiceHost host, RecordingLogger log, ILoggerFactory loggerFactory)
    {
        Directory = directory;
        Host = host;
        Log = log;
        _loggerFactory = loggerFactory;
        Http = new HttpClient { BaseAddress = new Uri(host.HttpUri), Timeout = TimeSpan.FromSeconds(20) };
    }

    public string Directory { get; }

    public DpsServiceHost Host { get; }

    public RecordingLogger Log { get; }

    public HttpClient Http { get; }

    public string DeviceDirectory => Path.Combine(Directory, DevelopmentPki.DeviceDirectoryName);

    public string MfgCertificateFile => Path.Combine(DeviceDirectory, DevelopmentPki.DeviceCertificateFile);

    public string MfgKeyFile => Path.Combine(DeviceDirectory, DevelopmentPki.DeviceKeyFile);

    public string DpsCaFile => Path.Combine(DeviceDirectory, DevelopmentPki.DeviceDpsCaFile);

    public static async Task<RunningService> StartAsync(Func<string, string>? editConfig = null, DpsServiceHostOptions? options = null, LogLevel logLevel = LogLevel.Information)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("dps-service-net-").FullName;
        DevelopmentPki.Initialize(directory, "1", force: false, TimeProvider.System);
        var configFile = Path.Combine(directory, DevelopmentPki.ConfigFileName);
        if (editConfig is not null)
        {
            await File.WriteAllTextAsync(configFile, editConfig(await File.ReadAllTextAsync(configFile)));
        }

        var config = ServiceConfigLoader.Load(configFile);
        var log = new RecordingLogger("dps-service") { MinimumLevel = logLevel };
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(logLevel));
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var host = await DpsServiceHost.StartAsync(config, new DpsServiceHostOptions
        {
            DpsAddress = loopback,
            HubAddress = loopback,
            HttpAddress = loopback,
            LoggerFactory = loggerFactory,
            TimeProvider = options?.TimeProvider ?? TimeProvider.System,
            InactivityTimeout = options?.InactivityTimeout ?? TimeSpan.FromSeconds(20),
            ProbeTimeout = options?.ProbeTimeout ?? TimeSpan.FromSeconds(2),
            CloseDelay = options?.CloseDelay ?? TimeSpan.FromSeconds(1),
        });
        return new RunningService(directory, host, log, loggerFactory);
    }

    public TlsIdentity LoadManufacturerIdentity() => TlsIdentity.FromPemFiles(MfgCertificateFile, MfgKeyFile);

    public TlsClientSettings DpsTls(TlsIdentity identity)
    {
        var settings = new TlsClientSettings { TargetHost = "localhost", ClientIdentity = identity };
        foreach (var anchor in PemCertificates.LoadChainFile(DpsCaFile))
        {
            settings.ServerVerification.TrustAnchors.Add(anchor);
        }

        return settings;
    }

    /// <summary>Our client over TLS to the DPS (sends its CSM; serves the probe with <paramref name="handler"/>).</summary>
    public Task<CoapConnection> ConnectDpsAsync(TlsIdentity identity, ICoapHandler? handler = null, CancellationToken cancellationToken = default) =>
        CoapTcpClient.ConnectAsync(
            new CoapEndpoint("127.0.0.1", Host.DpsAddress.Port, true),
            new CoapTcpClientOptions { Tls = DpsTls(identity).ToSslOptions(), Handler = handler ?? ProbeAnswer.NotFound },
            cancellationToken);

    /// <summary>A raw TLS 1.2 stream to the DPS like the C device's: no CSM, frames written as given.</summary>
    public async Task<RawCoapPeer> ConnectRawDpsAsync(TlsIdentity identity, CancellationToken cancellationToken = default)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, Host.DpsAddress.Port, cancellationToken);
        var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        var options = DpsTls(identity).ToSslOptions();
        options.EnabledSslProtocols = SslProtocols.Tls12;
        options.ApplicationProtocols = null;
        await ssl.AuthenticateAsClientAsync(options, cancellationToken);
        return new RawCoapPeer(ssl);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _loggerFactory.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
