using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Ocf.Security;

/// <summary>
/// The security resources of one device (pstat, doxm, cred, acl2, sdi) with their persistence and
/// the DPS procedures built on them: "own device" (PROTOCOL §2.5) and applying the DPS credential
/// and ACL answers with tag rotation (§2.7, §2.8). Not thread-safe: use it from the device's
/// executor.
/// </summary>
public sealed class OcfDeviceSecurity
{
    private readonly IOcfStore _store;
    private readonly ILogger _logger;

    /// <summary>Creates the resources with defaults; call <see cref="Load"/> to read the stores.</summary>
    public OcfDeviceSecurity(IOcfStore store, int deviceIndex, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        _store = store;
        DeviceIndex = deviceIndex;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The device index (store names end in <c>_N</c>).</summary>
    public int DeviceIndex { get; }

    /// <summary><c>/oic/sec/pstat</c>.</summary>
    public Pstat Pstat { get; private set; } = new();

    /// <summary><c>/oic/sec/doxm</c>.</summary>
    public Doxm Doxm { get; private set; } = new();

    /// <summary><c>/oic/sec/cred</c>.</summary>
    public Cred Cred { get; private set; } = new();

    /// <summary><c>/oic/sec/acl2</c>.</summary>
    public Acl2 Acl { get; private set; } = new();

    /// <summary><c>/oic/sec/sdi</c>.</summary>
    public Sdi Sdi { get; private set; } = new();

    /// <summary>Reads every store; a missing or invalid one (logged) leaves that resource at its defaults.</summary>
    public void Load()
    {
        Pstat = _store.TryLoad(Name(Pstat.StoreName), Pstat.Decode, _logger, out var pstat) ? pstat : new Pstat();
        Doxm = _store.TryLoad(Name(Doxm.StoreName), Doxm.Decode, _logger, out var doxm) ? doxm : new Doxm();
        Cred = _store.TryLoad(Name(Cred.StoreName), Cred.Decode, _logger, out var cred) ? cred : new Cred();
        Acl = _store.TryLoad(Name(Acl2.StoreName), Acl2.Decode, _logger, out var acl) ? acl : new Acl2();
        Sdi = _store.TryLoad(Name(Sdi.StoreName), Sdi.Decode, _logger, out var sdi) ? sdi : new Sdi();
    }

    /// <summary>Persists pstat.</summary>
    public void SavePstat() => _store.Save(Name(Pstat.StoreName), Pstat.Encode());

    /// <summary>Persists doxm.</summary>
    public void SaveDoxm() => _store.Save(Name(Doxm.StoreName), Doxm.Encode());

    /// <summary>Persists cred (with private data, as a secret store).</summary>
    public void SaveCred() => _store.Save(Name(Cred.StoreName), Cred.Encode(includePrivateData: true), secret: true);

    /// <summary>Persists acl2.</summary>
    public void SaveAcl() => _store.Save(Name(Acl2.StoreName), Acl.Encode());

    /// <summary>Persists sdi.</summary>
    public void SaveSdi() => _store.Save(Name(Sdi.StoreName), Sdi.Encode());

    /// <summary>
    /// True if the device is fully owned by <paramref name="owner"/> (§2.5): RFPRO or RFNOP,
    /// operational, every rowneruuid and doxm devowneruuid equal to it, owned, oxmsel 0xFF01. The
    /// DPS store's owner string is the caller's to compare.
    /// </summary>
    public bool IsOwnedBy(OcfUuid owner) =>
        Pstat.State is DeviceOnboardingState.Rfpro or DeviceOnboardingState.Rfnop
        && Pstat.IsOperational
        && Pstat.ResourceOwner == owner
        && Doxm.Owned
        && Doxm.OxmSel == Doxm.OxmPlgdDps
        && Doxm.DevOwnerUuid == owner
        && Doxm.ResourceOwner == owner
        && Cred.ResourceOwner == owner
        && Acl.ResourceOwner == owner;

    /// <summary>
    /// The "own device" procedure (§2.5): pstat RFNOP owned by <paramref name="owner"/>; doxm owned
    /// with oxmsel 0xFF01; every credential but non-DPS manufacturer ones removed; ACEs replaced by
    /// the bootstrap ACE; all persisted. sdi and the device UUID are not touched. The caller closes
    /// the TLS sessions in which the device is the server.
    /// </summary>
    public void OwnDevice(OcfUuid owner, bool includeWellKnownCore)
    {
        Pstat.State = DeviceOnboardingState.Rfotm;
        Pstat.ResourceOwner = owner;
        Pstat.TargetMode = 4;
        Pstat.CurrentMode = 4;
        Pstat.IsOperational = true;
        Pstat.State = DeviceOnboardingState.Rfnop;
        SavePstat();

        Doxm.DevOwnerUuid = owner;
        Doxm.ResourceOwner = owner;
        Doxm.Owned = true;
        Doxm.OxmSel = Doxm.OxmPlgdDps;
        SaveDoxm();

        Cred.RemoveAllButManufacturer();
        Cred.ResourceOwner = owner;
        SaveCred();

        Acl.Clear();
        Acl.AddBootstrapAces(includeWellKnownCore);
        Acl.ResourceOwner = owner;
        SaveAcl();
    }

    /// <summary>
    /// Factory reset of the security resources (§4.2): every resource back to its defaults in RFOTM,
    /// all credentials and ACEs removed (the application's factory-presets hook re-adds the
    /// manufacturer credentials), <paramref name="newDeviceUuid"/> as the device id; all persisted.
    /// </summary>
    public void Reset(OcfUuid newDeviceUuid)
    {
        Pstat = new Pstat();
        Doxm = new Doxm { DeviceUuid = newDeviceUuid };
        Cred = new Cred();
        Acl = new Acl2();
        Sdi = new Sdi();
        SavePstat();
        SaveDoxm();
        SaveCred();
        SaveAcl();
        SaveSdi();
    }

    /// <summary>
    /// Applies the DPS credentials answer (§2.7 steps 1–4): DPS credentials re-tagged
    /// <c>dps-stale</c>, the payload applied as a cred update in RFPRO, the state restored; on
    /// failure the tags are restored and nothing else changes; on success the stale credentials
    /// are removed and cred persisted.
    /// </summary>
    /// <param name="payload">The CBOR answer.</param>
    /// <param name="deviceSubjectPublicKeyInfo">The device key pair's public key (DER SPKI).</param>
    /// <param name="removedCount">How many old credentials were removed (non-zero: close the TLS
    /// sessions in which the device is the server).</param>
    public OcfUpdateResult ApplyDpsCredentials(ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> deviceSubjectPublicKeyInfo, out int removedCount)
    {
        removedCount = 0;
        Cred.Retag(OcfSecurityNames.DpsTag, OcfSecurityNames.DpsStaleTag);
        var state = Pstat.State;
        Pstat.State = DeviceOnboardingState.Rfpro;
        var result = Cred.Update(payload, Pstat.State, deviceSubjectPublicKeyInfo);
        Pstat.State = state;
        if (!result.Succeeded)
        {
            Cred.Retag(OcfSecurityNames.DpsStaleTag, OcfSecurityNames.DpsTag);
            return result;
        }

        removedCount = Cred.RemoveTagged(OcfSecurityNames.DpsStaleTag);
        SaveCred();
        return result;
    }

    /// <summary>
    /// Applies the DPS ACL answer (§2.8): DPS ACEs re-tagged <c>dps-stale</c>, the payload applied as
    /// an acl2 update in RFPRO, the state restored; on failure the tags are restored; on success
    /// the stale ACEs are removed and acl2 persisted.
    /// </summary>
    public OcfUpdateResult ApplyDpsAcls(ReadOnlyMemory<byte> payload)
    {
        Acl.Retag(OcfSecurityNames.DpsTag, OcfSecurityNames.DpsStaleTag);
        var state = Pstat.State;
        Pstat.State = DeviceOnboardingState.Rfpro;
        var result = Acl.Update(payload, Pstat.State);
        Pstat.State = state;
        if (!result.Succeeded)
        {
            Acl.Retag(OcfSecurityNames.DpsStaleTag, OcfSecurityNames.DpsTag);
            return result;
        }

        Acl.RemoveTagged(OcfSecurityNames.DpsStaleTag);
        SaveAcl();
        return result;
    }

    private string Name(string prefix) => OcfStoreName.For(prefix, DeviceIndex);
}
