using System.Formats.Cbor;

namespace Dps.Service.Payloads;

/// <summary>
/// Reads the device's answer to <c>GET /oic/res?if=oic.if.ll&amp;rt=oic.wk.d</c> (PROTOCOL §1.6):
/// an array of links whose first link's <c>eps[].ep</c> are the device's local endpoints
/// (<c>"eps": []</c> is normal, §12).
/// </summary>
internal static class LocalEndpointsResponse
{
    /// <summary>The <c>ep</c> values of the first link.</summary>
    /// <exception cref="PayloadFormatException">The body is not such an array.</exception>
    public static IReadOnlyList<string> Parse(ReadOnlyMemory<byte> payload) =>
        CborPayload.Read(payload, "/oic/res", reader =>
        {
            var endpoints = new List<string>();
            var first = true;
            CborPayload.ReadArray(reader, "/oic/res", () =>
            {
                if (!first)
                {
                    reader.SkipValue();
                    return;
                }

                first = false;
                CborPayload.ReadMap(reader, "/oic/res link", key =>
                {
                    if (key != "eps")
                    {
                        reader.SkipValue();
                        return;
                    }

                    CborPayload.ReadArray(reader, "eps", () => CborPayload.ReadMap(reader, "eps[]", epKey =>
                    {
                        if (epKey == "ep" && reader.PeekState() == CborReaderState.TextString)
                        {
                            endpoints.Add(reader.ReadTextString());
                        }
                        else
                        {
                            reader.SkipValue();
                        }
                    }));
                });
            });
            return endpoints;
        });
}
