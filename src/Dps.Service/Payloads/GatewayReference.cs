using System.Formats.Cbor;

namespace Dps.Service.Payloads;

/// <summary>A <c>{"uri", "id"}</c> pair: a hub gateway URI and the hub id it belongs to.</summary>
/// <param name="Uri">The gateway URI (e.g. <c>coaps+tcp://127.0.0.1:20040</c>); empty when absent.</param>
/// <param name="Id">The hub id as sent (a UUID string); empty when absent.</param>
internal sealed record GatewayReference(string Uri, string Id)
{
    /// <summary>Reads a tolerant <c>{uri?, id?}</c> map.</summary>
    public static GatewayReference Read(CborReader reader, string what)
    {
        var uri = string.Empty;
        var id = string.Empty;
        CborPayload.ReadMap(reader, what, key =>
        {
            switch (key)
            {
                case "uri":
                    uri = CborPayload.ReadText(reader, what + ".uri");
                    break;
                case "id":
                    id = CborPayload.ReadText(reader, what + ".id");
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        });
        return new GatewayReference(uri, id);
    }
}
