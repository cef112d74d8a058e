using System.Formats.Cbor;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>Decodes CBOR into ordered maps (key lists kept), lists, strings, longs and booleans.</summary>
internal static class CborTree
{
    public static List<KeyValuePair<string, object?>> DecodeMap(ReadOnlyMemory<byte> data)
    {
        var reader = new CborReader(data, CborConformanceMode.Lax);
        var value = Read(reader);
        Assert.That(reader.BytesRemaining, Is.Zero);
        return value as List<KeyValuePair<string, object?>> ?? throw new AssertionException("not a map");
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);

    public static string[] Keys(List<KeyValuePair<string, object?>> map) => [.. map.Select(e => e.Key)];

    public static object? Get(List<KeyValuePair<string, object?>> map, string key) => map.Single(e => e.Key == key).Value;

    private static object? Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                {
                    reader.ReadStartMap();
                    var map = new List<KeyValuePair<string, object?>>();
                    while (reader.PeekState() != CborReaderState.EndMap)
                    {
                        string key = reader.ReadTextString();
                        map.Add(new(key, Read(reader)));
                    }

                    reader.ReadEndMap();
                    return map;
                }

            case CborReaderState.StartArray:
                {
                    reader.ReadStartArray();
                    var list = new List<object?>();
                    while (reader.PeekState() != CborReaderState.EndArray)
                    {
                        list.Add(Read(reader));
                    }

                    reader.ReadEndArray();
                    return list;
                }

            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                return reader.ReadInt64();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            default:
                throw new AssertionException("unexpected CBOR " + reader.PeekState());
        }
    }
}
