using System.Security.Cryptography.X509Certificates;
using Dps.Ocf.Cloud;
using Dps.Security;

namespace Dps.Client.Ocf;

/// <summary>An <see cref="IDpsCloudManager"/> over an <see cref="OcfCloudManager"/>.</summary>
public sealed class OcfDpsCloudManager : IDpsCloudManager
{
    /// <summary>Wraps <paramref name="manager"/>.</summary>
    /// <param name="manager">The device's cloud manager.</param>
    public OcfDpsCloudManager(OcfCloudManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        Manager = manager;
        manager.ServerChanged += (_, _) => ServerChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <inheritdoc/>
    public event EventHandler? ServerChanged;

    /// <summary>The wrapped manager.</summary>
    public OcfCloudManager Manager { get; }

    /// <inheritdoc/>
    public bool IsRunning => Manager.IsRunning;

    /// <inheritdoc/>
    public bool IsRegistered => (Manager.Status & CloudStatus.Registered) != 0;

    /// <inheritdoc/>
    public bool IsConnected => Manager.IsConnected;

    /// <inheritdoc/>
    public bool IsLoggedIn => (Manager.Status & CloudStatus.LoggedIn) != 0;

    /// <inheritdoc/>
    public IReadOnlyList<CloudServer> Servers => Manager.Servers;

    /// <inheritdoc/>
    public CloudServer? SelectedServer => Manager.SelectedServer is { Uri.Length: > 0 } selected ? selected : null;

    /// <inheritdoc/>
    public bool HasAccessToken => Manager.GetConfiguration().AccessToken.Length > 0;

    /// <inheritdoc/>
    public CloudServer SelectNextServer() => Manager.SelectNextServer();

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken = default) => Manager.StartAsync(cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken = default) => Manager.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public Task RestartAsync(CancellationToken cancellationToken = default) => Manager.RestartAsync(cancellationToken);

    /// <inheritdoc/>
    public void SetIdentity(TlsIdentity identity, IReadOnlyList<X509Certificate2> trustAnchors)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        Manager.TrustAnchors = trustAnchors;
        Manager.Identity = identity;

        // The hub knows the device by its identity certificate's CN; after a factory reset that is a new di.
        if (Dps.Security.OcfCertificates.TryGetDeviceId(identity.Certificate, out Guid deviceId))
        {
            Manager.DeviceId = Dps.Ocf.OcfUuid.Parse(deviceId.ToString("D"));
        }
    }

    /// <inheritdoc/>
    public Task ApplyConfigurationAsync(CloudConfUpdate update, CancellationToken cancellationToken = default) =>
        Manager.ApplyConfigurationAsync(update, cancellationToken);
}
