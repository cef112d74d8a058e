namespace Dps.Ocf.Cloud;

/// <summary>What the cloud manager's loop does next.</summary>
internal enum CloudStep
{
    /// <summary>Nothing to do (not configured, failed, or cleared).</summary>
    None,

    /// <summary>Sign up (<c>POST /oic/sec/account</c>).</summary>
    Register,

    /// <summary>Sign in (<c>POST /oic/sec/session</c>).</summary>
    Login,

    /// <summary>Refresh the token (<c>POST /oic/sec/tokenrefresh</c>).</summary>
    Refresh,

    /// <summary>Logged in: keep-alive pings until the refresh is due.</summary>
    KeepAlive,

    /// <summary>Close the connection and start over after the first retry delay.</summary>
    Reconnect,

    /// <summary>Close the connection and start over at once (another server was selected).</summary>
    ReconnectNow,

    /// <summary>Close the connection and wait for an explicit start.</summary>
    Stop,
}
