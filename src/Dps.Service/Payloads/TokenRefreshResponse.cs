namespace Dps.Service.Payloads;

/// <summary>The <c>2.04</c> body of <c>POST /oic/sec/tokenrefresh</c> (PROTOCOL §7.7): <c>{"accesstoken","refreshtoken","expiresin"}</c>.</summary>
/// <param name="AccessToken">The new access token.</param>
/// <param name="RefreshToken">The new refresh token.</param>
/// <param name="ExpiresIn">Seconds until expiry, or −1.</param>
internal sealed record TokenRefreshResponse(string AccessToken, string RefreshToken, long ExpiresIn)
{
    /// <summary>Encodes the body.</summary>
    public byte[] Encode()
    {
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(3);
        CborPayload.WriteText(writer, "accesstoken", AccessToken);
        CborPayload.WriteText(writer, "refreshtoken", RefreshToken);
        writer.WriteTextString("expiresin");
        writer.WriteInt64(ExpiresIn);
        writer.WriteEndMap();
        return writer.Encode();
    }
}
