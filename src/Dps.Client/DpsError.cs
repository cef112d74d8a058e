namespace Dps.Client;

/// <summary>
/// The last error of a DPS context (<c>lastErrorCode</c>), bit-exact with plgd's
/// <c>plgd_dps_error_t</c> (PROTOCOL.md §2.1).
/// </summary>
public enum DpsError
{
    /// <summary><c>PLGD_DPS_OK</c>.</summary>
    Ok = 0,

    /// <summary><c>PLGD_DPS_ERROR_RESPONSE</c>: the server answered with an error or an unusable payload.</summary>
    Response = 1,

    /// <summary><c>PLGD_DPS_ERROR_CONNECT</c>: connecting failed (used internally for transient failures).</summary>
    Connect = 2,

    /// <summary><c>PLGD_DPS_ERROR_GET_CREDENTIALS</c>: the credentials step failed.</summary>
    GetCredentials = 3,

    /// <summary><c>PLGD_DPS_ERROR_GET_ACLS</c>: the ACL step failed.</summary>
    GetAcls = 4,

    /// <summary><c>PLGD_DPS_ERROR_SET_CLOUD</c>: the cloud-configuration step failed.</summary>
    SetCloud = 5,

    /// <summary><c>PLGD_DPS_ERROR_START_CLOUD</c>: starting the cloud manager failed.</summary>
    StartCloud = 6,

    /// <summary><c>PLGD_DPS_ERROR_GET_OWNER</c>: the ownership step failed.</summary>
    GetOwner = 7,

    /// <summary><c>PLGD_DPS_ERROR_GET_TIME</c>: the time step failed.</summary>
    GetTime = 8,
}
