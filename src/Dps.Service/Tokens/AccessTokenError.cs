namespace Dps.Service.Tokens;

/// <summary>Why an access token was rejected.</summary>
internal enum AccessTokenError
{
    /// <summary>The token is valid.</summary>
    None = 0,

    /// <summary>Not three base64url parts, or the header/payload is not the expected JSON.</summary>
    Malformed,

    /// <summary>The header names an algorithm other than the signing key's (ES256, ES384 or ES512).</summary>
    UnsupportedAlgorithm,

    /// <summary>The signature does not verify with the service key.</summary>
    InvalidSignature,

    /// <summary>A required claim is missing or has the wrong type.</summary>
    MissingClaim,

    /// <summary>The <c>iss</c> claim names another issuer.</summary>
    WrongIssuer,

    /// <summary>The token is past its <c>exp</c>.</summary>
    Expired,

    /// <summary>The <c>iat</c> claim lies in the future.</summary>
    NotYetValid,
}
