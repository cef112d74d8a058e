using System.Formats.Cbor;

namespace Dps.Service.Tests.Network;

/// <summary>Decodes CBOR into plain values: maps → Dictionary, arrays → List, text, long, byte[], bool, null.</summary>
internal static class CborValue
{
    public static object? Decode(ReadOnlyMemory<byte> cbor)
    {
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        var value = Read(reader);
        Assert.That(reader.BytesRemaining, Is.Zero, "trailing bytes after the CBOR item");
        return value;
    }

    public static Dictionary<string, object?> DecodeMap(ReadOnlyMemory<byte> cbor) =>
        Decode(cbor) as Dictionary<string, object?> ?? throw new AssertionException("the body is not a CBOR map");

    private static object? Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var key = reader.ReadTextString();
                    map[key] = Read(reader);
                }

                reader.ReadEndMap();
                return map;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                var list = new List<object?>();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    list.Add(Read(reader));
                }

                reader.ReadEndArray();
                return list;
            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                return reader.ReadTextString();
            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                return reader.ReadByteString();
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                return reader.ReadInt64();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            default:
                reader.SkipValue();
                return null;
        }
    }
}
