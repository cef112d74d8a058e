namespace Dps.Client;

/// <summary>
/// Provisioning status flags of a DPS context, bit-exact with plgd's <c>plgd_dps_status_t</c>
/// (PROTOCOL.md §2.1), so logs and tools line up with the C library.
/// </summary>
[Flags]
public enum DpsStatus : uint
{
    /// <summary>Not initialized (no endpoint or not started).</summary>
    Uninitialized = 0,

    /// <summary><c>PLGD_DPS_INITIALIZED</c>: the manager was started with an endpoint.</summary>
    Initialized = 1u << 0,

    /// <summary><c>PLGD_DPS_GET_CREDENTIALS</c>: the credentials request is in flight.</summary>
    GetCredentials = 1u << 1,

    /// <summary><c>PLGD_DPS_HAS_CREDENTIALS</c>: identity credentials were provisioned.</summary>
    HasCredentials = 1u << 2,

    /// <summary><c>PLGD_DPS_GET_ACLS</c>: the ACL request is in flight.</summary>
    GetAcls = 1u << 3,

    /// <summary><c>PLGD_DPS_HAS_ACLS</c>: ACLs were provisioned.</summary>
    HasAcls = 1u << 4,

    /// <summary><c>PLGD_DPS_GET_CLOUD</c>: the cloud-configuration request is in flight.</summary>
    GetCloud = 1u << 6,

    /// <summary><c>PLGD_DPS_HAS_CLOUD</c>: the cloud configuration was provisioned.</summary>
    HasCloud = 1u << 7,

    /// <summary><c>PLGD_DPS_CLOUD_STARTED</c>: the cloud manager was started ("provisioned").</summary>
    CloudStarted = 1u << 8,

    /// <summary><c>PLGD_DPS_RENEW_CREDENTIALS</c>: a certificate renewal CSR is in flight.</summary>
    RenewCredentials = 1u << 9,

    /// <summary><c>PLGD_DPS_GET_OWNER</c>: the ownership request is in flight.</summary>
    GetOwner = 1u << 10,

    /// <summary><c>PLGD_DPS_HAS_OWNER</c>: the device is owned by the DPS owner.</summary>
    HasOwner = 1u << 11,

    /// <summary><c>PLGD_DPS_GET_TIME</c>: the time request is in flight.</summary>
    GetTime = 1u << 12,

    /// <summary><c>PLGD_DPS_HAS_TIME</c>: plgd time was synchronized.</summary>
    HasTime = 1u << 13,

    /// <summary><c>PLGD_DPS_TRANSIENT_FAILURE</c>: the last attempt failed transiently.</summary>
    TransientFailure = 1u << 29,

    /// <summary><c>PLGD_DPS_FAILURE</c>: the last attempt failed.</summary>
    Failure = 1u << 30,

    /// <summary><c>PLGD_DPS_PROVISIONED_MASK</c>: all five HAS flags (0x2894).</summary>
    ProvisionedMask = HasTime | HasOwner | HasCloud | HasCredentials | HasAcls,

    /// <summary><c>PLGD_DPS_PROVISIONED_ERROR_FLAGS</c>: both error flags.</summary>
    ErrorFlags = TransientFailure | Failure,
}
