namespace Dps.Client;

/// <summary>
/// The result of <see cref="DpsDhcp.SetValuesFromVendorEncapsulatedOptions"/>, bit-exact with plgd's
/// <c>plgd_dps_dhcp_set_values_t</c> (PROTOCOL.md §5).
/// </summary>
public enum DpsDhcpSetValuesResult
{
    /// <summary><c>PLGD_DPS_DHCP_SET_VALUES_ERROR</c>: parse, hash name or fingerprint error; nothing changed.</summary>
    Error = -1,

    /// <summary><c>NOT_CHANGED</c>: the endpoint is already selected with the same fingerprint and hash.</summary>
    NotChanged = 0,

    /// <summary><c>UPDATED</c>: the endpoint is unchanged, the fingerprint changed, the device is provisioned.</summary>
    Updated = 1,

    /// <summary><c>NEED_REPROVISION</c>: the endpoint changed (list replaced, close the DPS connection) or the
    /// device is not provisioned yet; force re-provisioning and restart the manager.</summary>
    NeedReprovision = 2,
}
