using System.Formats.Cbor;
using Dps.Client.Internal;

namespace Dps.Client;

/// <summary>
/// The persistent DPS store of a device (<c>dps_&lt;device index&gt;</c>, a CBOR map; PROTOCOL.md §4.1):
/// the endpoint list, the owner set by the last ownership and whether provisioning completed since the
/// last reset.
/// </summary>
public sealed class DpsStoreData
{
    /// <summary>The store name prefix (<c>dps_0</c> for device 0).</summary>
    public const string StoreName = "dps";

    private const string What = "the DPS store";

    /// <summary>The DPS endpoint addresses with the selected one.</summary>
    public DpsEndpointList Endpoints { get; } = new();

    /// <summary>The owner UUID string set by the last ownership ("" when none).</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary>Provisioning completed at least once since the last DPS reset.</summary>
    public bool HasBeenProvisionedSinceReset { get; set; }

    /// <summary>
    /// Encodes the store: <c>ep</c>/<c>epname</c> when an endpoint is selected, <c>eps</c> only when
    /// the list has more than one entry, then <c>owner</c> and <c>hasBeenProvisionedSinceReset</c>.
    /// </summary>
    public byte[] Encode()
    {
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap((Endpoints.Selected is null ? 0 : 2) + (Endpoints.Count > 1 ? 1 : 0) + 2);
        if (Endpoints.Selected is { } selected)
        {
            writer.WriteTextString("ep");
            writer.WriteTextString(selected.Uri);
            writer.WriteTextString("epname");
            writer.WriteTextString(selected.Name);
        }
        if (Endpoints.Count > 1)
        {
            writer.WriteTextString("eps");
            writer.WriteStartArray(Endpoints.Count);
            foreach (var endpoint in Endpoints)
            {
                writer.WriteStartMap(2);
                writer.WriteTextString("uri");
                writer.WriteTextString(endpoint.Uri);
                writer.WriteTextString("name");
                writer.WriteTextString(endpoint.Name);
                writer.WriteEndMap();
            }
            writer.WriteEndArray();
        }
        writer.WriteTextString("owner");
        writer.WriteTextString(Owner ?? string.Empty);
        writer.WriteTextString("hasBeenProvisionedSinceReset");
        writer.WriteBoolean(HasBeenProvisionedSinceReset);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// Decodes a store, tolerantly: definite or indefinite lengths, unknown keys skipped, <c>eps</c>
    /// entries without a <c>uri</c> skipped, duplicates skipped. The selected endpoint (<c>ep</c>) is
    /// added first.
    /// </summary>
    /// <exception cref="DpsFormatException">The bytes are not a CBOR map or a known key has the wrong type.</exception>
    public static DpsStoreData Decode(ReadOnlyMemory<byte> cbor) => CborRead.Guard(What, () => DecodeCore(cbor));

    private static DpsStoreData DecodeCore(ReadOnlyMemory<byte> cbor)
    {
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        var store = new DpsStoreData();
        string? ep = null;
        var epName = string.Empty;
        List<DpsEndpoint>? eps = null;
        CborRead.StartMap(reader, What);
        while (!CborRead.TryEndMap(reader))
        {
            var key = CborRead.Key(reader, What);
            switch (key)
            {
                case "ep":
                    ep = CborRead.Text(reader, key);
                    break;
                case "epname":
                    epName = CborRead.Text(reader, key);
                    break;
                case "eps":
                    eps = ReadEndpointArray(reader, key);
                    break;
                case "owner":
                    store.Owner = CborRead.Text(reader, key);
                    break;
                case "hasBeenProvisionedSinceReset":
                    store.HasBeenProvisionedSinceReset = CborRead.Boolean(reader, key);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }
        CborRead.End(reader, What);
        if (!string.IsNullOrEmpty(ep))
        {
            store.Endpoints.Add(ep, epName);
        }
        if (eps is not null)
        {
            foreach (var endpoint in eps)
            {
                store.Endpoints.Add(endpoint.Uri, endpoint.Name);
            }
        }
        return store;
    }

    /// <summary>Reads an array of <c>{uri, name}</c> maps; entries without a non-empty <c>uri</c> are skipped.</summary>
    internal static List<DpsEndpoint> ReadEndpointArray(CborReader reader, string key)
    {
        var list = new List<DpsEndpoint>();
        CborRead.StartArray(reader, key);
        while (!CborRead.TryEndArray(reader))
        {
            CborRead.StartMap(reader, key + " entry");
            string? uri = null;
            var name = string.Empty;
            while (!CborRead.TryEndMap(reader))
            {
                var entryKey = CborRead.Key(reader, key + " entry");
                if (entryKey == "uri" && reader.PeekState() == CborReaderState.TextString)
                {
                    uri = reader.ReadTextString();
                }
                else if (entryKey == "name" && reader.PeekState() == CborReaderState.TextString)
                {
                    name = reader.ReadTextString();
                }
                else
                {
                    reader.SkipValue();
                }
            }
            if (!string.IsNullOrEmpty(uri))
            {
                list.Add(new DpsEndpoint(uri, name));
            }
        }
        return list;
    }
}
