namespace Dps.Service.Payloads;

/// <summary>Body of the hub sign-in/sign-out <c>POST /oic/sec/session</c> (PROTOCOL §7.6).</summary>
/// <param name="UserId">The <c>uid</c> property (required).</param>
/// <param name="DeviceId">The <c>di</c> property (required).</param>
/// <param name="AccessToken">The <c>accesstoken</c> property (required).</param>
/// <param name="Login">The <c>login</c> property: true = sign-in, false (or absent) = sign-out.</param>
internal sealed record SignInRequest(string UserId, string DeviceId, string AccessToken, bool Login)
{
    /// <summary>Parses the body.</summary>
    /// <exception cref="PayloadFormatException">Malformed, or <c>uid</c>/<c>di</c>/<c>accesstoken</c> missing.</exception>
    public static SignInRequest Parse(ReadOnlyMemory<byte> payload) =>
        CborPayload.Read(payload, "session request", reader =>
        {
            string? uid = null, di = null, token = null;
            var login = false;
            CborPayload.ReadMap(reader, "session request", key =>
            {
                switch (key)
                {
                    case "uid": uid = CborPayload.ReadText(reader, key); break;
                    case "di": di = CborPayload.ReadText(reader, key); break;
                    case "accesstoken": token = CborPayload.ReadText(reader, key); break;
                    case "login": login = CborPayload.ReadBoolean(reader, key); break;
                    default: reader.SkipValue(); break;
                }
            });
            return new SignInRequest(
                HubRequestFields.Require(uid, "session request", "uid"),
                HubRequestFields.Require(di, "session request", "di"),
                HubRequestFields.Require(token, "session request", "accesstoken"),
                login);
        });
}
