using System.Formats.Cbor;
using Dps.Service.Identity;

namespace Dps.Service.Payloads;

/// <summary>
/// The <c>2.05</c> body of <c>GET /api/v1/provisioning/acls</c> (PROTOCOL §2.8):
/// <c>{"aclist2":[owner ACE, anon-clear read ACE, one ACE per distinct hub id]}</c>, each tagged
/// <c>"dps"</c>, keys in the reference order permission, resources, subject, tag.
/// </summary>
internal static class AclsResponse
{
    /// <summary>Full permission: CREATE | RETRIEVE | UPDATE | DELETE | NOTIFY.</summary>
    public const int AllPermissions = 31;

    /// <summary>RETRIEVE only.</summary>
    public const int RetrievePermission = 2;

    // The reference server lists /x.plgd.dev/time twice in the owner ACE; kept for byte equality.
    private static readonly string[] s_ownerHrefs =
        ["/CoapCloudConfResURI", "/oic/sec/sp", "/x.plgd.dev/time", "/oc/con", "/oc/swu", "/oic/mnt", "/x.plgd.dev/time"];

    private static readonly string[] s_anonymousHrefs = ["/oic/d", "/oic/p", "/oic/res", "/oic/sec/sdi", "/oic/sec/doxm"];

    private static readonly string[] s_hubHrefs = ["/oc/con", "/oc/swu", "/oic/mnt", "/x.plgd.dev/time"];

    /// <summary>Encodes the body for the owner and the hub ids of the linked hubs (duplicates dropped, order kept).</summary>
    public static byte[] Encode(Guid ownerUuid, IEnumerable<Guid> hubIds)
    {
        ArgumentNullException.ThrowIfNull(hubIds);
        var distinctHubs = new List<Guid>();
        foreach (var hubId in hubIds)
        {
            if (!distinctHubs.Contains(hubId))
            {
                distinctHubs.Add(hubId);
            }
        }

        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(1);
        writer.WriteTextString("aclist2");
        writer.WriteStartArray(2 + distinctHubs.Count);
        WriteAce(writer, AllPermissions, s_ownerHrefs, wildcard: true, "uuid", DeviceUuid.Format(ownerUuid));
        WriteAce(writer, RetrievePermission, s_anonymousHrefs, wildcard: false, "conntype", "anon-clear");
        foreach (var hubId in distinctHubs)
        {
            WriteAce(writer, AllPermissions, s_hubHrefs, wildcard: true, "uuid", DeviceUuid.Format(hubId));
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void WriteAce(CborWriter writer, int permission, string[] hrefs, bool wildcard, string subjectKey, string subjectValue)
    {
        writer.WriteStartMap(4);
        writer.WriteTextString("permission");
        writer.WriteInt32(permission);
        writer.WriteTextString("resources");
        writer.WriteStartArray(hrefs.Length + (wildcard ? 1 : 0));
        foreach (var href in hrefs)
        {
            writer.WriteStartMap(2);
            CborPayload.WriteText(writer, "href", href);
            WriteAnyInterface(writer);
            writer.WriteEndMap();
        }

        if (wildcard)
        {
            writer.WriteStartMap(2);
            WriteAnyInterface(writer);
            CborPayload.WriteText(writer, "wc", "*");
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteTextString("subject");
        writer.WriteStartMap(1);
        CborPayload.WriteText(writer, subjectKey, subjectValue);
        writer.WriteEndMap();
        CborPayload.WriteText(writer, "tag", "dps");
        writer.WriteEndMap();
    }

    private static void WriteAnyInterface(CborWriter writer)
    {
        writer.WriteTextString("if");
        writer.WriteStartArray(1);
        writer.WriteTextString("*");
        writer.WriteEndArray();
    }
}
