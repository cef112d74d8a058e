namespace Dps.Ocf.Cloud;

/// <summary><c>cps</c>: the cloud provisioning status (iotivity values).</summary>
public enum CloudProvisioningStatus
{
    /// <summary><c>uninitialized</c>.</summary>
    Uninitialized = 0,

    /// <summary><c>readytoregister</c>.</summary>
    ReadyToRegister = 1,

    /// <summary><c>registering</c>.</summary>
    Registering = 2,

    /// <summary><c>registered</c>.</summary>
    Registered = 3,

    /// <summary><c>failed</c>.</summary>
    Failed = 4,

    /// <summary><c>deregistering</c>.</summary>
    Deregistering = 5,
}
