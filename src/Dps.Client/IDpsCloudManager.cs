using System.Security.Cryptography.X509Certificates;
using Dps.Ocf.Cloud;
using Dps.Security;

namespace Dps.Client;

/// <summary>
/// What a DPS context needs from the device's cloud manager (PROTOCOL.md §2.6, §2.9, §3.8). The
/// members may be called from the context's executor while the manager runs; they must be thread-safe.
/// </summary>
public interface IDpsCloudManager
{
    /// <summary>The manager runs.</summary>
    bool IsRunning { get; }

    /// <summary>The cloud status has REGISTERED.</summary>
    bool IsRegistered { get; }

    /// <summary>The cloud connection is up.</summary>
    bool IsConnected { get; }

    /// <summary>The cloud status has LOGGED_IN.</summary>
    bool IsLoggedIn { get; }

    /// <summary>Every configured cloud server (<c>x.org.iotivity.servers</c>).</summary>
    IReadOnlyList<CloudServer> Servers { get; }

    /// <summary>Raised when the manager selects another cloud server (by itself or after <see cref="SelectNextServer"/>).</summary>
    event EventHandler? ServerChanged;

    /// <summary>Selects the next configured cloud server (wrapping) and returns it.</summary>
    CloudServer SelectNextServer();

    /// <summary>The selected cloud server (<c>cis</c>, <c>sid</c>), or null when none is selected.</summary>
    CloudServer? SelectedServer { get; }

    /// <summary>A non-empty access token is stored.</summary>
    bool HasAccessToken { get; }

    /// <summary>Starts the manager.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the manager, keeping its configuration.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Restarts a running manager.</summary>
    Task RestartAsync(CancellationToken cancellationToken = default);

    /// <summary>The client certificate and trust anchors of the cloud connection (the DPS identity).</summary>
    void SetIdentity(TlsIdentity identity, IReadOnlyList<X509Certificate2> trustAnchors);

    /// <summary>Replaces the configuration with the one the DPS provisioned (tokens and status cleared), persisted.</summary>
    Task ApplyConfigurationAsync(CloudConfUpdate update, CancellationToken cancellationToken = default);
}
