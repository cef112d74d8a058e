namespace Dps.Client;

/// <summary>
/// The configuration-relevant state of a DPS context that the pure functions of this library read
/// and update (<c>/plgd/dps</c> resource, DHCP options): endpoints, status, last error and the pinned
/// server fingerprint. Not thread-safe: owned by the context's executor.
/// </summary>
public sealed class DpsClientState
{
    /// <summary>The DPS endpoint addresses with the selected one.</summary>
    public DpsEndpointList Endpoints { get; } = new();

    /// <summary>The provisioning status flags.</summary>
    public DpsStatus Status { get; set; }

    /// <summary>The last error.</summary>
    public DpsError LastError { get; set; }

    /// <summary>The pinned DPS server certificate fingerprint, or <see langword="null"/>.</summary>
    public DpsCertificateFingerprint? CertificateFingerprint { get; set; }

    /// <summary>
    /// Resets the DPS part of the state as on factory reset (PROTOCOL.md §4.2): endpoints cleared,
    /// status and last error 0, fingerprint cleared.
    /// </summary>
    public void Reset()
    {
        Endpoints.Clear();
        Status = DpsStatus.Uninitialized;
        LastError = DpsError.Ok;
        CertificateFingerprint = null;
    }
}
