using Dps.Service.Identity;

namespace Dps.Service.Payloads;

/// <summary>The <c>2.05</c> body of <c>GET /api/v1/provisioning/ownership</c>: only <c>{"devowneruuid"}</c> (PROTOCOL §2.5).</summary>
internal static class OwnershipResponse
{
    /// <summary>Encodes the body for the owner UUID.</summary>
    public static byte[] Encode(Guid ownerUuid)
    {
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(1);
        CborPayload.WriteText(writer, "devowneruuid", DeviceUuid.Format(ownerUuid));
        writer.WriteEndMap();
        return writer.Encode();
    }
}
