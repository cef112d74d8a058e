namespace Dps.Service.Payloads;

/// <summary>Body of the hub <c>POST /oic/sec/tokenrefresh</c> (PROTOCOL §7.7).</summary>
/// <param name="UserId">The <c>uid</c> property (required).</param>
/// <param name="DeviceId">The <c>di</c> property (required).</param>
/// <param name="RefreshToken">The <c>refreshtoken</c> property (required).</param>
/// <param name="AuthorizationProvider">The <c>authprovider</c> property, or null.</param>
/// <param name="GrantType">The <c>granttype</c> property, or null.</param>
internal sealed record TokenRefreshRequest(string UserId, string DeviceId, string RefreshToken, string? AuthorizationProvider, string? GrantType)
{
    /// <summary>Parses the body.</summary>
    /// <exception cref="PayloadFormatException">Malformed, or <c>uid</c>/<c>di</c>/<c>refreshtoken</c> missing.</exception>
    public static TokenRefreshRequest Parse(ReadOnlyMemory<byte> payload) =>
        CborPayload.Read(payload, "token refresh request", reader =>
        {
            string? uid = null, di = null, token = null, provider = null, grant = null;
            CborPayload.ReadMap(reader, "token refresh request", key =>
            {
                switch (key)
                {
                    case "uid": uid = CborPayload.ReadText(reader, key); break;
                    case "di": di = CborPayload.ReadText(reader, key); break;
                    case "refreshtoken": token = CborPayload.ReadText(reader, key); break;
                    case "authprovider": provider = CborPayload.ReadText(reader, key); break;
                    case "granttype": grant = CborPayload.ReadText(reader, key); break;
                    default: reader.SkipValue(); break;
                }
            });
            return new TokenRefreshRequest(
                HubRequestFields.Require(uid, "token refresh request", "uid"),
                HubRequestFields.Require(di, "token refresh request", "di"),
                HubRequestFields.Require(token, "token refresh request", "refreshtoken"),
                provider,
                grant);
        });
}
