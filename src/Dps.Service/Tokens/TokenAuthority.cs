using System.Security.Cryptography;
using Dps.Service.Configuration;

namespace Dps.Service.Tokens;

/// <summary>The service's token key and issuer; hands out an <see cref="AccessTokenService"/> with each hub's claim names.</summary>
internal sealed class TokenAuthority
{
    private readonly ECDsa _key;
    private readonly string _issuer;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an authority signing with <paramref name="key"/> (P-256, P-384 or P-521: ES256, ES384, ES512) as <paramref name="issuer"/>.</summary>
    public TokenAuthority(ECDsa key, string issuer, TimeProvider timeProvider)
    {
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>A token service using <paramref name="hub"/>'s owner and device-id claims.</summary>
    public AccessTokenService ForHub(HubSettings hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return new AccessTokenService(
            _key,
            new AccessTokenOptions { Issuer = _issuer, OwnerClaim = hub.OwnerClaim, DeviceIdClaim = hub.DeviceIdClaim },
            _timeProvider);
    }
}
