namespace DpsCloudServer.Output;

/// <summary>
/// Cloud manager status flags, bit-exact with iotivity's <c>oc_cloud_status_t</c> (PROTOCOL.md §7.3).
/// Defined here until the device stack exposes its own; the values are what the runtime reports.
/// </summary>
[Flags]
internal enum CloudStatus
{
    /// <summary><c>OC_CLOUD_INITIALIZED</c>.</summary>
    Initialized = 0,

    /// <summary><c>OC_CLOUD_REGISTERED</c>.</summary>
    Registered = 1 << 0,

    /// <summary><c>OC_CLOUD_LOGGED_IN</c>.</summary>
    LoggedIn = 1 << 1,

    /// <summary><c>OC_CLOUD_TOKEN_EXPIRY</c> (event).</summary>
    TokenExpiry = 1 << 2,

    /// <summary><c>OC_CLOUD_REFRESHED_TOKEN</c> (event).</summary>
    RefreshedToken = 1 << 3,

    /// <summary><c>OC_CLOUD_LOGGED_OUT</c> (event).</summary>
    LoggedOut = 1 << 4,

    /// <summary><c>OC_CLOUD_FAILURE</c> (event).</summary>
    Failure = 1 << 5,

    /// <summary><c>OC_CLOUD_DEREGISTERED</c> (event).</summary>
    Deregistered = 1 << 6,
}
