namespace Dps.Service.Hub;

/// <summary>
/// State of one hub gateway connection. Owned by that connection (not shared); the connection
/// marks the device offline in <see cref="Records.HubDeviceStore"/> when it closes.
/// </summary>
internal sealed class HubSession
{
    /// <summary>Creates a session for a device whose identity certificate names <paramref name="certificateDeviceId"/> (CN <c>uuid:&lt;id&gt;</c>), or null when unknown.</summary>
    public HubSession(string? certificateDeviceId) => CertificateDeviceId = certificateDeviceId;

    /// <summary>The device id from the TLS client certificate, or null.</summary>
    public string? CertificateDeviceId { get; }

    /// <summary>The device id after a successful sign-up or sign-in.</summary>
    public string? DeviceId { get; set; }

    /// <summary>The owner (<c>uid</c>) after a successful sign-up or sign-in.</summary>
    public string? Owner { get; set; }

    /// <summary>Whether the device is signed in on this connection.</summary>
    public bool LoggedIn { get; set; }
}
