using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Dps.Coap;
using Dps.Security;
using Dps.Service.Certificates;
using Dps.Service.Configuration;
using Dps.Service.Faults;
using Dps.Service.Http;
using Dps.Service.Hub;
using Dps.Service.Provisioning;
using Dps.Service.Records;
using Dps.Service.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Service.Hosting;

/// <summary>
/// The running service: the DPS listener (coaps+tcp, manufacturer certificates), the hub gateway
/// listener (coaps+tcp, identity certificates) and the HTTP API, over one database and one fault
/// plan. The hub gateway URIs of the enrollment groups that point at the configured hub address
/// follow the address actually bound.
/// </summary>
internal sealed class DpsServiceHost : IAsyncDisposable
{
    /// <summary>Largest message either side sends or accepts (plgd <c>maxMessageSize</c>).</summary>
    public const int MaxMessageSize = 262144;

    private readonly List<IDisposable> _disposables = [];
    private CoapTcpListener? _dpsListener;
    private CoapTcpListener? _hubListener;
    private CoapListenerOptions? _hubListenerOptions;
    private WebApplication? _http;
    private ServiceDatabase? _database;
    private int _stopped;

    private DpsServiceHost(ServiceConfig config)
    {
        Config = config;
    }

    /// <summary>The configuration in effect (gateway URIs rewritten to the bound hub address).</summary>
    public ServiceConfig Config { get; private set; }

    /// <summary>The bound DPS address.</summary>
    public IPEndPoint DpsAddress => _dpsListener!.LocalEndPoint;

    /// <summary>The bound hub gateway address.</summary>
    public IPEndPoint HubAddress => _hubListener!.LocalEndPoint;

    /// <summary>The bound HTTP API address.</summary>
    public IPEndPoint HttpAddress { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary><c>coaps+tcp://HOST:PORT</c> of the DPS.</summary>
    public string DpsUri => "coaps+tcp://" + Format(DpsAddress);

    /// <summary><c>coaps+tcp://HOST:PORT</c> of the hub gateway.</summary>
    public string HubUri => "coaps+tcp://" + Format(HubAddress);

    /// <summary><c>http://HOST:PORT</c> of the HTTP API.</summary>
    public string HttpUri => "http://" + Format(HttpAddress);

    /// <summary>The armed faults.</summary>
    public FaultPlan Faults { get; private set; } = new();

    /// <summary>The provisioning records.</summary>
    public ProvisioningRecordStore Records { get; private set; } = null!;

    /// <summary>The hub's devices.</summary>
    public HubDeviceStore Devices { get; private set; } = null!;

    /// <summary>The hub gateway endpoint (online devices, forwarding).</summary>
    public HubEndpoint Hub { get; private set; } = null!;

    /// <summary>TLS handshakes the DPS listener rejected or lost.</summary>
    public long DpsHandshakeFailures => _dpsListener?.HandshakeFailures ?? 0;

    /// <summary>TLS handshakes the hub listener rejected or lost.</summary>
    public long HubHandshakeFailures => _hubListener?.HandshakeFailures ?? 0;

    /// <summary>Starts everything; addresses in <paramref name="options"/> override the configuration's.</summary>
    /// <exception cref="SocketException">An address cannot be bound.</exception>
    /// <exception cref="ServiceConfigException">A configured certificate or key is unusable (the message names its key path).</exception>
    public static async Task<DpsServiceHost> StartAsync(ServiceConfig config, DpsServiceHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new DpsServiceHostOptions();
        var host = new DpsServiceHost(config);
        try
        {
            await host.StartCoreAsync(options, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops accepting, closes every connection (Release first) and the HTTP API.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (_http is not null)
        {
            await _http.StopAsync(cancellationToken).ConfigureAwait(false);
            await _http.DisposeAsync().ConfigureAwait(false);
        }

        if (_dpsListener is not null)
        {
            await _dpsListener.DisposeAsync().ConfigureAwait(false);
        }

        if (_hubListener is not null)
        {
            await _hubListener.DisposeAsync().ConfigureAwait(false);
        }

        if (Devices is not null)
        {
            try
            {
                await Devices.ResetSessionsAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        _database?.Dispose();
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
    }

    /// <summary>
    /// Restarts the hub gateway the way a hub restart looks to devices: every hub connection is closed
    /// (Release first), the sessions are forgotten (devices offline, logged out) and the gateway
    /// listens again on the same address. The DPS and the HTTP API keep running.
    /// </summary>
    public async Task RestartHubAsync(CancellationToken cancellationToken = default)
    {
        var old = _hubListener ?? throw new InvalidOperationException("The service is not started.");
        var address = old.LocalEndPoint;
        await old.DisposeAsync().ConfigureAwait(false);
        await Devices.ResetSessionsAsync(cancellationToken).ConfigureAwait(false);
        _hubListener = new CoapTcpListener(address, _hubListenerOptions!);
        _hubListener.Start();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Formats an address as <c>127.0.0.1:PORT</c> or <c>[::1]:PORT</c>.</summary>
    public static string Format(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return endPoint.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{endPoint.Address}]:{endPoint.Port}"
            : $"{endPoint.Address}:{endPoint.Port}";
    }

    private async Task StartCoreAsync(DpsServiceHostOptions options, CancellationToken cancellationToken)
    {
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var time = options.TimeProvider;
        var config = Config;

        // Every certificate and key first: a wrong one stops the start before anything is opened.
        var hubIdentity = ServiceCredentials.LoadTlsIdentity(config, config.HubTls, "tls.hub");
        _disposables.Add(hubIdentity);
        ServiceCredentials.CheckGatewayIdentity(config, hubIdentity);
        var dpsIdentity = ServiceCredentials.LoadTlsIdentity(config, config.DpsTls, "tls.dps");
        _disposables.Add(dpsIdentity);
        var certificateAuthority = new HubCertificateAuthority();
        _disposables.Add(certificateAuthority);
        ServiceCredentials.LoadHubCertificateAuthorities(config, certificateAuthority);
        var signingKey = ServiceCredentials.LoadOrCreateSigningKey(config);
        _disposables.Add(signingKey);

        _database = await ServiceDatabase.OpenAsync(config.DatabaseFile, cancellationToken).ConfigureAwait(false);
        Records = new ProvisioningRecordStore(_database, time);
        Devices = new HubDeviceStore(_database, time);
        await Devices.ResetSessionsAsync(cancellationToken).ConfigureAwait(false);
        Faults = new FaultPlan(config.Faults);

        var tokens = new TokenAuthority(signingKey, config.Tokens.Issuer, time);

        // Hub gateway first: its bound address goes into the groups' gateway URIs.
        var hubAuthenticator = new HubAuthenticator(config, time, loggerFactory.CreateLogger<HubAuthenticator>());
        _disposables.Add(hubAuthenticator);
        var hubOptions = HubGatewayOptions.FromConfig(config);
        var hubHandler = new HubRequestHandler(tokens.ForHub(config.EnrollmentGroups[0].Hubs[0]), hubOptions, Devices, Faults, time);
        Hub = new HubEndpoint(hubHandler, Devices, time, loggerFactory.CreateLogger<HubEndpoint>());
        var hubTls = new TlsServerSettings
        {
            ServerIdentity = hubIdentity,
            ClientCertificateRequired = true,
            ClientCertificateValidator = hubAuthenticator.Validate,
            TimeProvider = time,
        };
        _hubListenerOptions = new CoapListenerOptions
        {
            Tls = hubTls.ToSslOptions(),
            Handler = Hub,
            OnConnected = Hub.OnConnectedAsync,
            Connection = ConnectionOptions(),
            TimeProvider = time,
            Logger = loggerFactory.CreateLogger("Dps.Service.HubListener"),
        };
        _hubListener = new CoapTcpListener(options.HubAddress ?? config.HubAddress, _hubListenerOptions);

        config = WithHubAddress(config, _hubListener.LocalEndPoint);
        Config = config;

        var catalog = new EnrollmentGroupCatalog(config.EnrollmentGroups);
        var deviceAuthenticator = new DeviceAuthenticator(catalog, time, loggerFactory.CreateLogger<DeviceAuthenticator>());
        _disposables.Add(deviceAuthenticator);
        var dpsHandler = new DpsRequestHandler(config, Faults, tokens, certificateAuthority, Records, time, loggerFactory.CreateLogger<DpsRequestHandler>());
        var dps = new DpsEndpoint(dpsHandler, deviceAuthenticator, Records, time, loggerFactory.CreateLogger<DpsEndpoint>())
        {
            InactivityTimeout = options.InactivityTimeout,
            ProbeTimeout = options.ProbeTimeout,
            CloseDelay = options.CloseDelay,
        };
        var dpsTls = new TlsServerSettings
        {
            ServerIdentity = dpsIdentity,
            ClientCertificateRequired = true,
            ClientCertificateValidator = deviceAuthenticator.Validate,
            TimeProvider = time,
        };
        _dpsListener = new CoapTcpListener(options.DpsAddress ?? config.DpsAddress, new CoapListenerOptions
        {
            Tls = dpsTls.ToSslOptions(),
            Handler = dps,
            OnConnected = dps.OnConnectedAsync,
            Connection = ConnectionOptions(),
            TimeProvider = time,
            Logger = loggerFactory.CreateLogger("Dps.Service.DpsListener"),
        });

        var httpAddress = options.HttpAddress ?? config.HttpAddress;
        if (!IPAddress.IsLoopback(httpAddress.Address))
        {
            loggerFactory.CreateLogger<DpsServiceHost>().LogWarning("The HTTP API listens on {Address}, not on loopback; it has no authentication", httpAddress);
        }

        _http = HttpApi.Build(this, httpAddress, loggerFactory);
        await _http.StartAsync(cancellationToken).ConfigureAwait(false);
        HttpAddress = HttpApi.GetBoundAddress(_http);

        _hubListener.Start();
        _dpsListener.Start();
    }

    private static CoapConnectionOptions ConnectionOptions() => new()
    {
        MaxMessageSize = MaxMessageSize,
        AssumePeerMaxMessageSize = MaxMessageSize,
        BlockWiseTransfer = false,
    };

    /// <summary>
    /// Whether the gateway URI <paramref name="gateway"/> names the hub listener configured at
    /// <paramref name="configured"/>: coaps+tcp, its port, and a loopback, wildcard or the same host.
    /// </summary>
    internal static bool NamesHubListener(string gateway, IPEndPoint configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (!Uri.TryCreate(gateway, UriKind.Absolute, out var uri) || !uri.Scheme.Equals("coaps+tcp", StringComparison.OrdinalIgnoreCase) || uri.Port != configured.Port)
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address)
            && (IPAddress.IsLoopback(address) || address.Equals(configured.Address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
    }

    /// <summary>
    /// Rewrites gateway URIs that name the configured hub listen address (its port on a loopback,
    /// wildcard or the same host) to the bound <paramref name="bound"/> address.
    /// </summary>
    internal static ServiceConfig WithHubAddress(ServiceConfig config, IPEndPoint bound)
    {
        var configured = config.HubAddress;
        var boundUri = "coaps+tcp://" + Format(bound);
        var groups = config.EnrollmentGroups.Select(g => g with
        {
            Hubs = g.Hubs.Select(h => h with
            {
                Gateways = h.Gateways.Select(u => NamesHubListener(u, configured) ? boundUri : u).Distinct(StringComparer.Ordinal).ToList(),
            }).ToList(),
        }).ToList();
        return new ServiceConfig
        {
            FilePath = config.FilePath,
            BaseDirectory = config.BaseDirectory,
            DpsAddress = config.DpsAddress,
            HubAddress = bound,
            HttpAddress = config.HttpAddress,
            DpsTls = config.DpsTls,
            HubTls = config.HubTls,
            Tokens = config.Tokens,
            Certificates = config.Certificates,
            DatabaseFile = config.DatabaseFile,
            EnrollmentGroups = groups,
            Faults = config.Faults,
        };
    }
}
