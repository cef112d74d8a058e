using System.Security.Cryptography.X509Certificates;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Security;

namespace Dps.Client.Tests.Context;

/// <summary>A cloud manager that only records what the DPS context does to it.</summary>
internal sealed class FakeCloudManager : IDpsCloudManager
{
    private int _startCount;
    private int _stopCount;

    public bool IsRunning { get; set; }

    public bool IsRegistered { get; set; }

    public bool IsConnected { get; set; }

    public bool IsLoggedIn { get; set; }

    /// <summary>StartAsync makes the fake connected, registered and logged in.</summary>
    public bool LogInOnStart { get; set; }

    public IReadOnlyList<CloudServer> Servers { get; set; } = [];

    public int StopCount => Volatile.Read(ref _stopCount);

    public event EventHandler? ServerChanged;

    public CloudServer SelectNextServer()
    {
        var index = Servers.ToList().FindIndex(s => s == SelectedServer);
        SelectedServer = Servers[(index + 1) % Servers.Count];
        ServerChanged?.Invoke(this, EventArgs.Empty);
        return SelectedServer;
    }

    public CloudServer? SelectedServer { get; set; } = new(CloudConfiguration.DefaultCiServer, OcfUuid.Nil);

    public string AccessToken { get; set; } = string.Empty;

    public bool HasAccessToken => AccessToken.Length > 0;

    public bool ThrowOnStart { get; set; }

    public int StartCount => Volatile.Read(ref _startCount);

    public TlsIdentity? Identity { get; private set; }

    public IReadOnlyList<X509Certificate2> TrustAnchors { get; private set; } = [];

    public CloudConfUpdate? LastUpdate { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _startCount);
        if (ThrowOnStart)
        {
            throw new InvalidOperationException("cloud start failed (test)");
        }
        IsRunning = true;
        if (LogInOnStart)
        {
            IsConnected = IsRegistered = IsLoggedIn = true;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _stopCount);
        IsRunning = false;
        IsConnected = IsRegistered = IsLoggedIn = false;
        return Task.CompletedTask;
    }

    public Task RestartAsync(CancellationToken cancellationToken = default) => StartAsync(cancellationToken);

    public void SetIdentity(TlsIdentity identity, IReadOnlyList<X509Certificate2> trustAnchors)
    {
        Identity = identity;
        TrustAnchors = trustAnchors;
    }

    public Task ApplyConfigurationAsync(CloudConfUpdate update, CancellationToken cancellationToken = default)
    {
        LastUpdate = update;
        SelectedServer = new CloudServer(update.CiServer, update.Sid);
        AccessToken = update.AccessToken ?? string.Empty;
        Servers = update.Servers;
        return Task.CompletedTask;
    }
}
