using System.Formats.Cbor;

namespace Dps.Ocf.Tests;

/// <summary>Builds CBOR test payloads from nested values, definite or indefinite (like the real device).</summary>
internal static class TestCbor
{
    /// <summary>An ordered map.</summary>
    public static List<KeyValuePair<string, object?>> Map(params (string Key, object? Value)[] entries) =>
        [.. entries.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value))];

    public static object?[] Array(params object?[] items) => items;

    public static byte[] Encode(object? value, bool indefinite = false)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        Write(writer, value, indefinite);
        return writer.Encode();
    }

    private static void Write(CborWriter writer, object? value, bool indefinite)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case string text:
                writer.WriteTextString(text);
                break;
            case byte[] bytes:
                writer.WriteByteString(bytes);
                break;
            case bool boolean:
                writer.WriteBoolean(boolean);
                break;
            case int number:
                writer.WriteInt32(number);
                break;
            case long number:
                writer.WriteInt64(number);
                break;
            case List<KeyValuePair<string, object?>> map:
                writer.WriteStartMap(indefinite ? null : map.Count);
                foreach (var (key, item) in map)
                {
                    writer.WriteTextString(key);
                    Write(writer, item, indefinite);
                }

                writer.WriteEndMap();
                break;
            case object?[] array:
                writer.WriteStartArray(indefinite ? null : array.Length);
                foreach (var item in array)
                {
                    Write(writer, item, indefinite);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException("Unsupported test value " + value.GetType());
        }
    }
}
