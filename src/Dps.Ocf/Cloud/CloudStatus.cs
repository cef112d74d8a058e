namespace Dps.Ocf.Cloud;

/// <summary>
/// Cloud status flags with the exact values of iotivity's <c>oc_cloud_status_t</c> (PROTOCOL §7.3).
/// <see cref="Registered"/> and <see cref="LoggedIn"/> are states; the other bits are events that
/// are cleared right after the status notification.
/// </summary>
[Flags]
#pragma warning disable CA1711 // The protocol name is "status".
public enum CloudStatus
#pragma warning restore CA1711
{
    /// <summary><c>OC_CLOUD_INITIALIZED</c> (0): nothing yet.</summary>
    Initialized = 0,

    /// <summary><c>OC_CLOUD_REGISTERED</c>: signed up.</summary>
    Registered = 1 << 0,

    /// <summary><c>OC_CLOUD_LOGGED_IN</c>: signed in on the current connection.</summary>
    LoggedIn = 1 << 1,

    /// <summary><c>OC_CLOUD_TOKEN_EXPIRY</c> (event): the access token expires.</summary>
    TokenExpiry = 1 << 2,

    /// <summary><c>OC_CLOUD_REFRESHED_TOKEN</c> (event): the token was refreshed.</summary>
    RefreshedToken = 1 << 3,

    /// <summary><c>OC_CLOUD_LOGGED_OUT</c> (event): signed out.</summary>
    LoggedOut = 1 << 4,

    /// <summary><c>OC_CLOUD_FAILURE</c> (event): a step failed.</summary>
    Failure = 1 << 5,

    /// <summary><c>OC_CLOUD_DEREGISTERED</c> (event): deregistered.</summary>
    Deregistered = 1 << 6,
}
