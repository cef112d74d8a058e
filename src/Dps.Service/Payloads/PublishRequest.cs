namespace Dps.Service.Payloads;

/// <summary>Body of <c>POST /oic/rd?rt=oic.wk.rdpub</c> (PROTOCOL §7.9).</summary>
/// <param name="DeviceId">The <c>di</c> property (required).</param>
/// <param name="Name">The <c>n</c> property (device name), or null.</param>
/// <param name="TimeToLive">The <c>ttl</c> (or legacy <c>lt</c>) property, ≥ 0 (required).</param>
/// <param name="Links">The links (at least one).</param>
internal sealed record PublishRequest(string DeviceId, string? Name, long TimeToLive, IReadOnlyList<ResourceLink> Links)
{
    /// <summary>Parses the body.</summary>
    /// <exception cref="PayloadFormatException">Malformed; <c>di</c> missing; no links; <c>ttl</c> missing or negative.</exception>
    public static PublishRequest Parse(ReadOnlyMemory<byte> payload) =>
        CborPayload.Read(payload, "publish request", reader =>
        {
            string? di = null, name = null;
            long? ttl = null, lt = null;
            var links = new List<ResourceLink>();
            CborPayload.ReadMap(reader, "publish request", key =>
            {
                switch (key)
                {
                    case "di": di = CborPayload.ReadText(reader, key); break;
                    case "n": name = CborPayload.ReadText(reader, key); break;
                    case "ttl": ttl = CborPayload.ReadInteger(reader, key); break;
                    case "lt": lt = CborPayload.ReadInteger(reader, key); break;
                    case "links":
                        CborPayload.ReadArray(reader, "links", () => links.Add(ResourceLink.Read(reader, $"links[{links.Count}]")));
                        break;
                    default: reader.SkipValue(); break;
                }
            });
            HubRequestFields.Require(di, "publish request", "di");
            if (links.Count == 0)
            {
                throw new PayloadFormatException("publish request: links is missing or empty");
            }

            var timeToLive = ttl ?? lt ?? throw new PayloadFormatException("publish request: ttl is missing");
            if (timeToLive < 0)
            {
                throw new PayloadFormatException("publish request: ttl is negative");
            }

            return new PublishRequest(di!, name, timeToLive, links);
        });

    /// <summary>This request with every link's <c>ins</c> set to CRC-32 of its href, as the gateway assigns it.</summary>
    public PublishRequest WithAssignedInstances()
    {
        var links = new ResourceLink[Links.Count];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = Links[i] with { Instance = ResourceLink.InstanceOf(Links[i].Href) };
        }

        return this with { Links = links };
    }
}
