using System.Formats.Cbor;
using Dps.Ocf.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Ocf.Provisioning;

/// <summary>
/// The DPS client's persistent state, the <c>dps_N</c> store (PROTOCOL §4.1): endpoints, the
/// selected one, the owner set by the last ownership step and whether provisioning completed
/// since the last reset.
/// </summary>
public sealed class DpsStoreRecord
{
    /// <summary>The store name prefix (<c>dps_0</c> for device 0).</summary>
    public const string StoreName = "dps";

    private List<DpsEndpoint> _endpoints = [];

    /// <summary>The full endpoint list (the selected endpoint is one of them).</summary>
    public IReadOnlyList<DpsEndpoint> Endpoints
    {
        get => _endpoints;
        set => _endpoints = [.. value];
    }

    /// <summary>The selected endpoint (<c>ep</c>, <c>epname</c>), or null.</summary>
    public DpsEndpoint? SelectedEndpoint { get; set; }

    /// <summary><c>owner</c>: the owner UUID string of the last ownership ("" if none).</summary>
    public string Owner { get; set; } = string.Empty;

    /// <summary><c>hasBeenProvisionedSinceReset</c>.</summary>
    public bool HasBeenProvisionedSinceReset { get; set; }

    /// <summary>The store form: <c>ep</c>/<c>epname</c> when selected, <c>eps</c> only with more than one endpoint.</summary>
    public byte[] Encode()
    {
        bool writeList = _endpoints.Count > 1;
        int count = 2 + (SelectedEndpoint is null ? 0 : 2) + (writeList ? 1 : 0);
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(count);
        if (SelectedEndpoint is { } selected)
        {
            writer.WriteTextString("ep");
            writer.WriteTextString(selected.Uri);
            writer.WriteTextString("epname");
            writer.WriteTextString(selected.Name);
        }

        if (writeList)
        {
            writer.WriteTextString("eps");
            writer.WriteStartArray(_endpoints.Count);
            foreach (var endpoint in _endpoints)
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
        writer.WriteTextString(Owner);
        writer.WriteTextString("hasBeenProvisionedSinceReset");
        writer.WriteBoolean(HasBeenProvisionedSinceReset);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// Reads the store form. Unknown keys are logged and ignored. If <c>eps</c> or a non-empty
    /// <c>ep</c> is present the list is rebuilt: the selected endpoint first, then the entries of
    /// <c>eps</c> that have a <c>uri</c>, skipping duplicates.
    /// </summary>
    /// <exception cref="OcfFormatException">Malformed data.</exception>
    public static DpsStoreRecord Decode(ReadOnlyMemory<byte> data, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var root = CborNode.ParseMap(data);
        var record = new DpsStoreRecord();
        string ep = string.Empty;
        string epName = string.Empty;
        var listed = new List<DpsEndpoint>();
        bool hasList = false;
        foreach (var (key, value) in root.Entries)
        {
            switch (key)
            {
                case "ep":
                    ep = Text(value, key);
                    break;
                case "epname":
                    epName = Text(value, key);
                    break;
                case "owner":
                    record.Owner = Text(value, key);
                    break;
                case "hasBeenProvisionedSinceReset":
                    record.HasBeenProvisionedSinceReset = value.Kind == CborNodeKind.Boolean
                        ? value.Boolean
                        : throw new OcfFormatException("dps: hasBeenProvisionedSinceReset is not a boolean");
                    break;
                case "eps":
                    if (!value.IsArray)
                    {
                        throw new OcfFormatException("dps: eps is not an array");
                    }

                    hasList = true;
                    foreach (var item in value.Items)
                    {
                        if (item.IsMap && item.TryGet("uri", out var uri) && uri.IsText && uri.Text.Length > 0)
                        {
                            string name = item.TryGet("name", out var n) && n.IsText ? n.Text : string.Empty;
                            listed.Add(new DpsEndpoint(uri.Text, name));
                        }
                    }

                    break;
                default:
                    Log.StoreUnknownKey(logger, StoreName, key);
                    break;
            }
        }

        if (hasList || ep.Length > 0)
        {
            if (ep.Length > 0)
            {
                record.SelectedEndpoint = new DpsEndpoint(ep, epName);
                record._endpoints.Add(record.SelectedEndpoint);
            }

            foreach (var endpoint in listed)
            {
                if (!record._endpoints.Exists(e => e.Uri == endpoint.Uri))
                {
                    record._endpoints.Add(endpoint);
                }
            }
        }

        return record;
    }

    private static string Text(CborNode value, string key) =>
        value.IsText ? value.Text : throw new OcfFormatException("dps: " + key + " is not a string");
}
