namespace Dps.Service.Payloads;

/// <summary>Body of <c>POST /api/v1/provisioning/cloud-configuration</c> (PROTOCOL §2.6).</summary>
/// <param name="DeviceId">The <c>di</c> property, or null when absent.</param>
/// <param name="SelectedGateway">The gateway the device has selected, or null when absent.</param>
internal sealed record CloudConfigurationRequest(string? DeviceId, GatewayReference? SelectedGateway)
{
    /// <summary>Parses the body; an empty body is accepted as a request without properties.</summary>
    /// <exception cref="PayloadFormatException">The body is not a CBOR map of the expected shape.</exception>
    public static CloudConfigurationRequest Parse(ReadOnlyMemory<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return new CloudConfigurationRequest(null, null);
        }

        return CborPayload.Read(payload, "cloud-configuration request", reader =>
        {
            string? di = null;
            GatewayReference? selected = null;
            CborPayload.ReadMap(reader, "cloud-configuration request", key =>
            {
                switch (key)
                {
                    case "di":
                        di = CborPayload.ReadText(reader, "di");
                        break;
                    case "selectedGateway":
                        selected = GatewayReference.Read(reader, "selectedGateway");
                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            });
            return new CloudConfigurationRequest(di, selected);
        });
    }
}
