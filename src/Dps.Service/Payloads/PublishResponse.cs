namespace Dps.Service.Payloads;

/// <summary>The <c>2.04</c> echo of <c>POST /oic/rd</c> (PROTOCOL §7.9): <c>{"di","links":[…],"ttl","lt"}</c>; and <c>GET /oic/rd</c>.</summary>
internal static class PublishResponse
{
    /// <summary>Encodes the echo of <paramref name="request"/> (call <see cref="PublishRequest.WithAssignedInstances"/> first).</summary>
    public static byte[] Encode(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(4);
        CborPayload.WriteText(writer, "di", request.DeviceId);
        writer.WriteTextString("links");
        writer.WriteStartArray(request.Links.Count);
        foreach (var link in request.Links)
        {
            link.Write(writer);
        }

        writer.WriteEndArray();
        writer.WriteTextString("ttl");
        writer.WriteInt64(request.TimeToLive);
        writer.WriteTextString("lt");
        writer.WriteInt64(request.TimeToLive);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The body of <c>GET /oic/rd</c>: <c>{"sel": 0}</c>.</summary>
    public static byte[] EncodeSelection() => [0xA1, 0x63, (byte)'s', (byte)'e', (byte)'l', 0x00];
}
