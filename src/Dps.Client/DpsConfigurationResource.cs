using System.Formats.Cbor;
using Dps.Client.Internal;
using Dps.Coap;

namespace Dps.Client;

/// <summary>
/// The <c>/plgd/dps</c> configuration resource (PROTOCOL.md §4.3) as pure functions over a
/// <see cref="DpsClientState"/>: CBOR representation per interface and the POST rules.
/// </summary>
public static class DpsConfigurationResource
{
    private const string What = "the /plgd/dps update";

    /// <summary>The resource URI.</summary>
    public const string Uri = "/plgd/dps";

    /// <summary>The resource type.</summary>
    public const string ResourceType = "x.plgd.dps.conf";

    /// <summary>The interfaces, in the order the resource reports them.</summary>
    public static IReadOnlyList<string> Interfaces { get; } = ["oic.if.r", "oic.if.rw", "oic.if.baseline"];

    /// <summary>Maps an <c>if</c> query value to an interface; absent or empty means baseline.</summary>
    public static bool TryParseInterface(string? value, out DpsResourceInterface resourceInterface)
    {
        switch (value)
        {
            case null or "" or "oic.if.baseline":
                resourceInterface = DpsResourceInterface.Baseline;
                return true;
            case "oic.if.r":
                resourceInterface = DpsResourceInterface.ReadOnly;
                return true;
            case "oic.if.rw":
                resourceInterface = DpsResourceInterface.ReadWrite;
                return true;
            default:
                resourceInterface = default;
                return false;
        }
    }

    /// <summary>
    /// Encodes the resource for an interface: <c>lastErrorCode</c> and <c>provisionStatus</c> (omitted
    /// for unknown combinations) only for baseline/r; <c>endpoint</c> (<c>""</c> when none),
    /// <c>endpointName</c> when one is selected, <c>endpoints</c> when more than one, and
    /// <c>forceReprovision</c> (always false) for all.
    /// </summary>
    public static byte[] Encode(DpsClientState state, DpsResourceInterface resourceInterface, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var baseline = resourceInterface == DpsResourceInterface.Baseline;
        var readable = resourceInterface != DpsResourceInterface.ReadWrite;
        var provisionStatus = readable ? state.Status.ToProvisionStatus() : null;
        var selected = state.Endpoints.Selected;
        var count = 2
            + (baseline ? 2 + (name is null ? 0 : 1) : 0)
            + (readable ? 1 : 0)
            + (provisionStatus is null ? 0 : 1)
            + (selected is null ? 0 : 1)
            + (state.Endpoints.Count > 1 ? 1 : 0);

        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(count);
        if (baseline)
        {
            writer.WriteTextString("rt");
            writer.WriteStartArray(1);
            writer.WriteTextString(ResourceType);
            writer.WriteEndArray();
            writer.WriteTextString("if");
            writer.WriteStartArray(Interfaces.Count);
            foreach (var item in Interfaces)
            {
                writer.WriteTextString(item);
            }
            writer.WriteEndArray();
            if (name is not null)
            {
                writer.WriteTextString("n");
                writer.WriteTextString(name);
            }
        }
        if (readable)
        {
            writer.WriteTextString("lastErrorCode");
            writer.WriteInt32((int)state.LastError);
        }
        if (provisionStatus is not null)
        {
            writer.WriteTextString("provisionStatus");
            writer.WriteTextString(provisionStatus);
        }
        writer.WriteTextString("endpoint");
        writer.WriteTextString(selected?.Uri ?? string.Empty);
        if (selected is not null)
        {
            writer.WriteTextString("endpointName");
            writer.WriteTextString(selected.Name);
        }
        if (state.Endpoints.Count > 1)
        {
            writer.WriteTextString("endpoints");
            writer.WriteStartArray(state.Endpoints.Count);
            foreach (var endpoint in state.Endpoints)
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
        writer.WriteTextString("forceReprovision");
        writer.WriteBoolean(false);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// Parses a POST body: <c>endpoint</c>, <c>endpointName</c> (text), <c>endpoints</c> (array of
    /// <c>{uri, name}</c>; entries without <c>uri</c> skipped) and <c>forceReprovision</c> (bool);
    /// other keys are ignored. Definite and indefinite lengths are accepted.
    /// </summary>
    /// <exception cref="DpsFormatException">Not a CBOR map, or a recognised key has the wrong type.</exception>
    public static DpsConfigurationUpdate ParseUpdate(ReadOnlyMemory<byte> cbor) => CborRead.Guard(What, () => ParseCore(cbor));

    /// <summary>
    /// Applies a POST body to <paramref name="state"/> (never half-applied):
    /// <c>endpoint: ""</c> resets the DPS state (deregister, 2.04); a non-empty <c>endpoint</c> rebuilds the
    /// list from <c>endpoint</c> (+<c>endpointName</c>) and <c>endpoints</c>; that or
    /// <c>forceReprovision: true</c> answers 2.04 with re-provisioning; anything else 4.00.
    /// </summary>
    public static DpsConfigurationPostResult ApplyPost(DpsClientState state, ReadOnlyMemory<byte> cbor)
    {
        ArgumentNullException.ThrowIfNull(state);
        DpsConfigurationUpdate update;
        try
        {
            update = ParseUpdate(cbor);
        }
        catch (DpsFormatException)
        {
            return new DpsConfigurationPostResult(CoapCode.BadRequest);
        }
        return Apply(state, update);
    }

    /// <summary>Applies a parsed update; see <see cref="ApplyPost"/>.</summary>
    public static DpsConfigurationPostResult Apply(DpsClientState state, DpsConfigurationUpdate update)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(update);
        if (update.Endpoint is { Length: 0 })
        {
            state.Reset();
            return new DpsConfigurationPostResult(CoapCode.Changed, Deregister: true);
        }
        var endpointsSet = false;
        var selectedChanged = false;
        if (update.Endpoint is { } uri)
        {
            if (uri.Length > DpsEndpoint.MaxUriLength)
            {
                return new DpsConfigurationPostResult(CoapCode.BadRequest);
            }
            var previous = state.Endpoints.Selected?.Uri;
            state.Endpoints.Clear();
            state.Endpoints.Add(uri, update.EndpointName ?? string.Empty);
            foreach (var endpoint in update.Endpoints ?? [])
            {
                state.Endpoints.Add(endpoint.Uri, endpoint.Name);
            }
            endpointsSet = true;
            selectedChanged = !string.Equals(previous, uri, StringComparison.Ordinal);
        }
        if (!endpointsSet && !update.ForceReprovision)
        {
            return new DpsConfigurationPostResult(CoapCode.BadRequest);
        }
        return new DpsConfigurationPostResult(CoapCode.Changed, SelectedEndpointChanged: selectedChanged, Reprovision: true);
    }

    private static DpsConfigurationUpdate ParseCore(ReadOnlyMemory<byte> cbor)
    {
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        string? endpoint = null;
        string? endpointName = null;
        List<DpsEndpoint>? endpoints = null;
        var force = false;
        CborRead.StartMap(reader, What);
        while (!CborRead.TryEndMap(reader))
        {
            var key = CborRead.Key(reader, What);
            switch (key)
            {
                case "endpoint":
                    endpoint = CborRead.Text(reader, key);
                    break;
                case "endpointName":
                    endpointName = CborRead.Text(reader, key);
                    break;
                case "endpoints":
                    endpoints = DpsStoreData.ReadEndpointArray(reader, key);
                    break;
                case "forceReprovision":
                    force = CborRead.Boolean(reader, key);
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        }
        CborRead.End(reader, What);
        return new DpsConfigurationUpdate
        {
            Endpoint = endpoint,
            EndpointName = endpointName,
            Endpoints = endpoints,
            ForceReprovision = force,
        };
    }
}
