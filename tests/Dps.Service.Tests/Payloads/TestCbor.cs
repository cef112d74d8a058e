using System.Formats.Cbor;

namespace Dps.Service.Tests.Payloads;

/// <summary>Builds CBOR test bodies from plain values: (string, object)[] = map, object[] = array.</summary>
internal static class TestCbor
{
    public static byte[] Map(params (string Key, object? Value)[] entries)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        WriteValue(writer, entries);
        return writer.Encode();
    }

    public static (string, object?)[] M(params (string Key, object? Value)[] entries) => entries;

    private static void WriteValue(CborWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case string s:
                writer.WriteTextString(s);
                break;
            case bool b:
                writer.WriteBoolean(b);
                break;
            case int i:
                writer.WriteInt64(i);
                break;
            case long l:
                writer.WriteInt64(l);
                break;
            case byte[] bytes:
                writer.WriteByteString(bytes);
                break;
            case (string, object?)[] map:
                writer.WriteStartMap(map.Length);
                foreach (var (key, item) in map)
                {
                    writer.WriteTextString(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndMap();
                break;
            case object[] array:
                writer.WriteStartArray(array.Length);
                foreach (var item in array)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unsupported test value {value.GetType()}", nameof(value));
        }
    }
}
