namespace Dps.Service.Payloads;

/// <summary>The <c>2.04</c> body of sign-up (PROTOCOL §7.5): <c>{"accesstoken","uid","refreshtoken","redirecturi","expiresin"}</c>.</summary>
/// <param name="AccessToken">The hub access token.</param>
/// <param name="UserId">The <c>uid</c> = owner claim value.</param>
/// <param name="RefreshToken">The refresh token.</param>
/// <param name="RedirectUri">The redirect URI; always written, empty when none.</param>
/// <param name="ExpiresIn">Seconds until expiry, or −1 for a permanent token.</param>
internal sealed record SignUpResponse(string AccessToken, string UserId, string RefreshToken, string RedirectUri, long ExpiresIn)
{
    /// <summary>Encodes the body.</summary>
    public byte[] Encode()
    {
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(5);
        CborPayload.WriteText(writer, "accesstoken", AccessToken);
        CborPayload.WriteText(writer, "uid", UserId);
        CborPayload.WriteText(writer, "refreshtoken", RefreshToken);
        CborPayload.WriteText(writer, "redirecturi", RedirectUri ?? string.Empty);
        writer.WriteTextString("expiresin");
        writer.WriteInt64(ExpiresIn);
        writer.WriteEndMap();
        return writer.Encode();
    }
}
