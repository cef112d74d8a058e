namespace Dps.Service.Payloads;

/// <summary>Body of the hub sign-up <c>POST /oic/sec/account</c> (PROTOCOL §7.5).</summary>
/// <param name="DeviceId">The <c>di</c> property (required).</param>
/// <param name="AccessToken">The <c>accesstoken</c> (or legacy <c>authcode</c>) property (required).</param>
/// <param name="AuthorizationProvider">The <c>authprovider</c> property, or null.</param>
/// <param name="DeviceType">The <c>devicetype</c> property, or null.</param>
/// <param name="UserId">The <c>uid</c> property, or null.</param>
internal sealed record SignUpRequest(string DeviceId, string AccessToken, string? AuthorizationProvider, string? DeviceType, string? UserId)
{
    /// <summary>Parses the body.</summary>
    /// <exception cref="PayloadFormatException">Malformed, or <c>di</c>/<c>accesstoken</c> missing or empty.</exception>
    public static SignUpRequest Parse(ReadOnlyMemory<byte> payload) =>
        CborPayload.Read(payload, "sign-up request", reader =>
        {
            string? di = null, token = null, authCode = null, provider = null, deviceType = null, uid = null;
            CborPayload.ReadMap(reader, "sign-up request", key =>
            {
                switch (key)
                {
                    case "di": di = CborPayload.ReadText(reader, key); break;
                    case "accesstoken": token = CborPayload.ReadText(reader, key); break;
                    case "authcode": authCode = CborPayload.ReadText(reader, key); break;
                    case "authprovider": provider = CborPayload.ReadText(reader, key); break;
                    case "devicetype": deviceType = CborPayload.ReadText(reader, key); break;
                    case "uid": uid = CborPayload.ReadText(reader, key); break;
                    default: reader.SkipValue(); break;
                }
            });
            token = string.IsNullOrEmpty(token) ? authCode : token;
            return new SignUpRequest(
                HubRequestFields.Require(di, "sign-up request", "di"),
                HubRequestFields.Require(token, "sign-up request", "accesstoken"),
                provider,
                deviceType,
                uid);
        });
}
