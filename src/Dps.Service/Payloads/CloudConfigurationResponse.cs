namespace Dps.Service.Payloads;

/// <summary>
/// The <c>2.04</c> body of <c>POST /api/v1/provisioning/cloud-configuration</c> (PROTOCOL §2.6):
/// <c>{"apn","cis","at","sid","x.org.iotivity.servers":[{"id","uri"}]}</c>; empty values are omitted
/// except <c>cis</c>.
/// </summary>
/// <param name="AuthorizationProvider">The <c>apn</c> (provider name).</param>
/// <param name="CloudInterfaceServer">The <c>cis</c> (selected gateway URI).</param>
/// <param name="AccessToken">The <c>at</c>.</param>
/// <param name="CloudId">The <c>sid</c> (hub id).</param>
/// <param name="Servers">All gateways of all linked hubs, deduplicated by the caller.</param>
internal sealed record CloudConfigurationResponse(
    string? AuthorizationProvider,
    string CloudInterfaceServer,
    string? AccessToken,
    string? CloudId,
    IReadOnlyList<GatewayReference> Servers)
{
    /// <summary>Encodes the body with definite lengths in the key order of the reference server.</summary>
    public byte[] Encode()
    {
        var count = 1 + (string.IsNullOrEmpty(AuthorizationProvider) ? 0 : 1) + (string.IsNullOrEmpty(AccessToken) ? 0 : 1)
            + (string.IsNullOrEmpty(CloudId) ? 0 : 1) + (Servers.Count == 0 ? 0 : 1);
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(count);
        if (!string.IsNullOrEmpty(AuthorizationProvider))
        {
            CborPayload.WriteText(writer, "apn", AuthorizationProvider);
        }

        CborPayload.WriteText(writer, "cis", CloudInterfaceServer ?? string.Empty);
        if (!string.IsNullOrEmpty(AccessToken))
        {
            CborPayload.WriteText(writer, "at", AccessToken);
        }

        if (!string.IsNullOrEmpty(CloudId))
        {
            CborPayload.WriteText(writer, "sid", CloudId);
        }

        if (Servers.Count != 0)
        {
            writer.WriteTextString("x.org.iotivity.servers");
            writer.WriteStartArray(Servers.Count);
            foreach (var server in Servers)
            {
                writer.WriteStartMap(2);
                CborPayload.WriteText(writer, "id", server.Id);
                CborPayload.WriteText(writer, "uri", server.Uri);
                writer.WriteEndMap();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }
}
