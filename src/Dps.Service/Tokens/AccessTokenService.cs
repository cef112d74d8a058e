using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dps.Service.Tokens;

/// <summary>
/// Issues and validates compact JWTs signed with ECDSA (IEEE P1363 signature), the algorithm given
/// by the key's curve as RFC 7518 pairs them and as plgd's token issuer picks it: ES256 (P-256,
/// SHA-256), ES384 (P-384, SHA-384) or ES512 (P-521, SHA-512). Claims: <c>iss</c>, <c>sub</c>, the
/// owner claim, the optional device-id claim, <c>iat</c>, <c>exp</c>, <c>jti</c>.
/// </summary>
internal sealed class AccessTokenService
{
    private readonly JwsAlgorithm _algorithm;
    private readonly byte[] _header;
    private readonly ECDsa _key;
    private readonly AccessTokenOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a service that signs with <paramref name="key"/> (a P-256, P-384 or P-521 key).</summary>
    /// <exception cref="ArgumentException">The key is on another curve (see <see cref="AlgorithmFor"/>).</exception>
    public AccessTokenService(ECDsa key, AccessTokenOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _algorithm = FindAlgorithm(key) ?? throw new ArgumentException(
            $"the token signing key is on curve {CurveName(key)}; ES256 (P-256), ES384 (P-384) or ES512 (P-521) needs one of those curves.", nameof(key));
        _header = Encoding.UTF8.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"alg\":\"{_algorithm.Name}\",\"typ\":\"JWT\"}}")));

        if (string.IsNullOrEmpty(options.OwnerClaim))
        {
            throw new ArgumentException("The owner claim name must not be empty.", nameof(options));
        }

        _key = key;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The options in use.</summary>
    public AccessTokenOptions Options => _options;

    /// <summary>The JWS algorithm of the tokens (<c>ES256</c>, <c>ES384</c> or <c>ES512</c>).</summary>
    public string Algorithm => _algorithm.Name;

    /// <summary>The JWS algorithm <paramref name="key"/> signs with, or null when its curve has none.</summary>
    public static string? AlgorithmFor(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return FindAlgorithm(key)?.Name;
    }

    /// <summary>The key's curve as a readable name (<c>nistP384</c>, <c>brainpoolP256r1</c>, an OID).</summary>
    public static string CurveName(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var oid = CurveOid(key);
        return oid?.FriendlyName is { Length: > 0 } friendly ? friendly : oid?.Value ?? $"of {key.KeySize} bits";
    }

    /// <summary>Issues a token for <paramref name="owner"/> (and <paramref name="deviceId"/> when the device-id claim is configured).</summary>
    public string Issue(string owner, string? deviceId, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "The lifetime must be positive.");
        }

        var now = _timeProvider.GetUtcNow();
        var iat = now.ToUnixTimeSeconds();
        var exp = iat + (long)Math.Ceiling(lifetime.TotalSeconds);

        using var payload = new MemoryStream();
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("iss", _options.Issuer);
            json.WriteString("sub", owner);
            if (_options.OwnerClaim != "sub")
            {
                json.WriteString(_options.OwnerClaim, owner);
            }

            if (!string.IsNullOrEmpty(_options.DeviceIdClaim) && deviceId is not null)
            {
                json.WriteString(_options.DeviceIdClaim, deviceId);
            }

            json.WriteNumber("iat", iat);
            json.WriteNumber("exp", exp);
            json.WriteString("jti", Guid.NewGuid().ToString("D"));
            json.WriteEndObject();
        }

        var payloadPart = Encoding.UTF8.GetBytes(Base64Url.EncodeToString(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
        var signingInput = new byte[_header.Length + 1 + payloadPart.Length];
        _header.CopyTo(signingInput, 0);
        signingInput[_header.Length] = (byte)'.';
        payloadPart.CopyTo(signingInput, _header.Length + 1);

        var signature = _key.SignData(signingInput, _algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Encoding.UTF8.GetString(signingInput) + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Validates signature, algorithm, issuer, required claims and expiry of <paramref name="token"/>.</summary>
    public AccessTokenValidationResult Validate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "the token is empty");
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot + 1 || lastDot == token.Length - 1 || token.IndexOf('.', firstDot + 1) != lastDot)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "the token is not a compact JWS of three parts");
        }

        byte[] header, payload, signature;
        try
        {
            header = Base64Url.DecodeFromChars(token.AsSpan(0, firstDot));
            payload = Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
            signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
        }
        catch (FormatException)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "a token part is not base64url");
        }

        try
        {
            using (var headerJson = JsonDocument.Parse(header))
            {
                if (headerJson.RootElement.ValueKind != JsonValueKind.Object
                    || !headerJson.RootElement.TryGetProperty("alg", out var alg)
                    || alg.ValueKind != JsonValueKind.String)
                {
                    return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "the header has no alg");
                }

                if (alg.GetString() != _algorithm.Name)
                {
                    return AccessTokenValidationResult.Invalid(AccessTokenError.UnsupportedAlgorithm, $"only {_algorithm.Name} is accepted");
                }
            }

            var signingInput = Encoding.ASCII.GetBytes(token, 0, lastDot);
            if (signature.Length != _algorithm.SignatureLength
                || !_key.VerifyData(signingInput, signature, _algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return AccessTokenValidationResult.Invalid(AccessTokenError.InvalidSignature, "the signature does not verify");
            }

            using var payloadJson = JsonDocument.Parse(payload);
            return CheckClaims(payloadJson.RootElement);
        }
        catch (JsonException)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "the header or payload is not JSON");
        }
        catch (InvalidOperationException)
        {
            // JsonElement.GetString on a string holding invalid UTF-8.
            return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "the header or payload holds invalid UTF-8");
        }
    }

    private AccessTokenValidationResult CheckClaims(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "the payload is not a JSON object");
        }

        if (!TryGetString(root, "iss", out var iss))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.MissingClaim, "claim iss is missing");
        }

        if (!TryGetString(root, _options.OwnerClaim, out var owner) || owner.Length == 0)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.MissingClaim, $"claim {_options.OwnerClaim} is missing");
        }

        string? deviceId = null;
        if (!string.IsNullOrEmpty(_options.DeviceIdClaim) && TryGetString(root, _options.DeviceIdClaim, out var di))
        {
            deviceId = di;
        }

        if (!TryGetLong(root, "iat", out var iat) || !TryGetLong(root, "exp", out var exp))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.MissingClaim, "claim iat or exp is missing");
        }

        if (!TryGetString(root, "jti", out var jti))
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.MissingClaim, "claim jti is missing");
        }

        DateTimeOffset issuedAt, expiresAt;
        try
        {
            issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
            expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        }
        catch (ArgumentOutOfRangeException)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.Malformed, "iat or exp is out of range");
        }

        var claims = new AccessTokenClaims(iss, owner, deviceId, issuedAt, expiresAt, jti);
        if (iss != _options.Issuer)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.WrongIssuer, "the token comes from another issuer", claims);
        }

        var now = _timeProvider.GetUtcNow();
        if (now >= expiresAt + _options.ClockSkew)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.Expired, "the token has expired", claims);
        }

        if (issuedAt > now + _options.ClockSkew)
        {
            return AccessTokenValidationResult.Invalid(AccessTokenError.NotYetValid, "the token is issued in the future", claims);
        }

        return AccessTokenValidationResult.Valid(claims);
    }

    private static bool TryGetString(JsonElement root, string name, out string value)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static bool TryGetLong(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static Oid? CurveOid(ECDsa key)
    {
        try
        {
            return key.ExportParameters(false).Curve.Oid;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static JwsAlgorithm? FindAlgorithm(ECDsa key) => CurveOid(key)?.Value switch
    {
        "1.2.840.10045.3.1.7" => new JwsAlgorithm("ES256", HashAlgorithmName.SHA256, 64),
        "1.3.132.0.34" => new JwsAlgorithm("ES384", HashAlgorithmName.SHA384, 96),
        "1.3.132.0.35" => new JwsAlgorithm("ES512", HashAlgorithmName.SHA512, 132),
        _ => null,
    };

    private sealed record JwsAlgorithm(string Name, HashAlgorithmName Hash, int SignatureLength);
}
