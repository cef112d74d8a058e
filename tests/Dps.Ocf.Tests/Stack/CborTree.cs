using System.Formats.Cbor;

namespace Dps.Ocf.Tests.Stack;

/// <summary>Decodes CBOR into dictionaries (keys in order), lists, strings, longs, bools and null, for assertions.</summary>
internal static class CborTree
{
    public static object? Decode(ReadOnlyMemory<byte> data)
    {
        var reader = new CborReader(data, CborConformanceMode.Lax);
        var value = Read(reader);
        Assert.That(reader.BytesRemaining, Is.Zero, "trailing bytes");
        return value;
    }

    public static Dictionary<string, object?> Map(ReadOnlyMemory<byte> data) => (Dictionary<string, object?>)Decode(data)!;

    public static List<object?> Array(ReadOnlyMemory<byte> data) => (List<object?>)Decode(data)!;

    public static Dictionary<string, object?> AsMap(object? value) => (Dictionary<string, object?>)value!;

    public static List<object?> AsArray(object? value) => (List<object?>)value!;

    public static string[] Strings(object? value) => AsArray(value).Cast<string>().ToArray();

    private static object? Read(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                var map = new Dictionary<string, object?>();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    string key = reader.ReadTextString();
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
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                return reader.ReadInt64();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            case CborReaderState.ByteString:
                return reader.ReadByteString();
            default:
                throw new InvalidOperationException($"Unexpected CBOR state {reader.PeekState()}.");
        }
    }
}
