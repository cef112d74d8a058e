using System.Formats.Cbor;
using Dps.Ocf.Representation;

namespace Dps.Ocf.Stack;

/// <summary>Writes OCF links (<c>/oic/res</c> and collections), in the C device's key order.</summary>
internal static class LinkWriter
{
    private const OcfResourcePolicy PublishedBits = OcfResourcePolicy.Discoverable | OcfResourcePolicy.Observable;

    /// <summary><c>{"rel"?, "anchor", "href", "rt", "if", "p": {"bm"}, "eps": [{"ep"}…]}</c>.</summary>
    public static void Write(CborWriter writer, OcfDevice device, OcfResource resource, bool self)
    {
        writer.WriteStartMap(null);
        if (self)
        {
            writer.WriteTextString("rel");
            writer.WriteStartArray(1);
            writer.WriteTextString("self");
            writer.WriteEndArray();
        }

        writer.WriteTextString("anchor");
        writer.WriteTextString(device.Anchor);
        writer.WriteTextString("href");
        writer.WriteTextString(resource.Uri);
        writer.WriteTextString("rt");
        OcfCbor.WriteTextStringArray(writer, resource.ResourceTypes);
        writer.WriteTextString("if");
        OcfCbor.WriteTextStringArray(writer, resource.Interfaces);
        writer.WriteTextString("p");
        writer.WriteStartMap(1);
        writer.WriteTextString("bm");
        writer.WriteInt32((int)(resource.Policy & PublishedBits));
        writer.WriteEndMap();
        writer.WriteTextString("eps");
        var endpoints = device.Endpoints;
        writer.WriteStartArray(endpoints.Count);
        foreach (string endpoint in endpoints)
        {
            writer.WriteStartMap(1);
            writer.WriteTextString("ep");
            writer.WriteTextString(endpoint);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
    }

    /// <summary>An array of links.</summary>
    public static void WriteArray(CborWriter writer, OcfDevice device, IReadOnlyList<OcfResource> resources, OcfResource? self)
    {
        writer.WriteStartArray(resources.Count);
        foreach (var resource in resources)
        {
            Write(writer, device, resource, ReferenceEquals(resource, self));
        }

        writer.WriteEndArray();
    }
}
