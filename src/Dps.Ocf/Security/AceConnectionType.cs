namespace Dps.Ocf.Security;

/// <summary>The connection type of a <c>conntype</c> ACE subject.</summary>
public enum AceConnectionType
{
    /// <summary><c>anon-clear</c>: any request, including unsecured ones.</summary>
    AnonClear = 0,

    /// <summary><c>auth-crypt</c>: requests over an authenticated, encrypted (TLS) connection.</summary>
    AuthCrypt = 1,
}
