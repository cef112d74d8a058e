namespace Dps.Service.Payloads;

/// <summary>The <c>2.04</c> bodies of <c>POST /oic/sec/session</c> (PROTOCOL §7.6).</summary>
internal static class SignInResponse
{
    /// <summary>Sign-in: <c>{"expiresin": n}</c> (−1 = no expiry).</summary>
    public static byte[] Encode(long expiresIn)
    {
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(1);
        writer.WriteTextString("expiresin");
        writer.WriteInt64(expiresIn);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Sign-out: the empty map <c>{}</c> (0xA0).</summary>
    public static byte[] EncodeSignOut() => [0xA0];
}
