namespace Dps.Ocf;

/// <summary>How a request reached the device (the ACE <c>conntype</c> it can match).</summary>
public enum OcfConnectionType
{
    /// <summary><c>anon-clear</c>: no TLS.</summary>
    AnonClear = 0,

    /// <summary><c>auth-crypt</c>: over an authenticated TLS session.</summary>
    AuthCrypt = 1,
}
