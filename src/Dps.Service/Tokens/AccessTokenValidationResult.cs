namespace Dps.Service.Tokens;

/// <summary>The outcome of <see cref="AccessTokenService.Validate"/>.</summary>
internal sealed class AccessTokenValidationResult
{
    private AccessTokenValidationResult(AccessTokenError error, string message, AccessTokenClaims? claims)
    {
        Error = error;
        Message = message;
        Claims = claims;
    }

    /// <summary>Whether the token is valid.</summary>
    public bool IsValid => Error == AccessTokenError.None;

    /// <summary>The reason the token was rejected, or <see cref="AccessTokenError.None"/>.</summary>
    public AccessTokenError Error { get; }

    /// <summary>A short description safe to log (never contains the token).</summary>
    public string Message { get; }

    /// <summary>The claims; set when valid, and also when only the expiry check failed.</summary>
    public AccessTokenClaims? Claims { get; }

    /// <summary>A valid result.</summary>
    public static AccessTokenValidationResult Valid(AccessTokenClaims claims) => new(AccessTokenError.None, "valid", claims);

    /// <summary>A rejected result.</summary>
    public static AccessTokenValidationResult Invalid(AccessTokenError error, string message, AccessTokenClaims? claims = null) =>
        new(error, message, claims);

    /// <inheritdoc/>
    public override string ToString() => IsValid ? "valid" : $"{Error}: {Message}";
}
