namespace Dps.Ocf.Cloud;

/// <summary><c>clec</c>: the last cloud error (iotivity values).</summary>
public enum CloudError
{
    /// <summary>0: no error.</summary>
    None = 0,

    /// <summary>1: the cloud answered with an error.</summary>
    ResponseError = 1,

    /// <summary>2: the connection failed.</summary>
    ConnectError = 2,

    /// <summary>3: the token refresh failed.</summary>
    RefreshTokenError = 3,

    /// <summary>4: unauthorized.</summary>
    Unauthorized = 4,
}
