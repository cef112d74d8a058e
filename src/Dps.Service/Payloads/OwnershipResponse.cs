using Dps.Service.Identity;

namespace Dps.Service.Payloads;

/// <summary>The <c>2.05</c> body of <c>GET /api/v1/provisioning/ownership</c>: only <c>{"devowneruuid"}</c> (PROTOCOL §2.5).</summary>
internal static class OwnershipResponse
{
    /// <summary>Encodes the body for the owner UUID.</summary>
    public static byte[] Encode(Guid ownerUuid) => Encode(ownerUuid, null);

    /// <summary>
    /// Encodes the body; a non-null <paramref name="redirectUri"/> adds <c>redirecturi</c>, which a
    /// device must reject (fault injection only).
    /// </summary>
    public static byte[] Encode(Guid ownerUuid, string? redirectUri)
    {
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(redirectUri is null ? 1 : 2);
        CborPayload.WriteText(writer, "devowneruuid", DeviceUuid.Format(ownerUuid));
        if (redirectUri is not null)
        {
            CborPayload.WriteText(writer, "redirecturi", redirectUri);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }
}
