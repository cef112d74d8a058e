using System.Formats.Cbor;

namespace Dps.Testing;

/// <summary>
/// Encodes CBOR test payloads from plain values: null, string, byte[], bool, int, long; a map is a
/// <c>(string, object?)[]</c> or a <c>List&lt;KeyValuePair&lt;string, object?&gt;&gt;</c> (keys in
/// order), an array is an <c>object?[]</c>. Indefinite lengths on request, like the real device.
/// </summary>
public static class CborTestValues
{
    /// <summary>The CBOR encoding of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">A value of another type.</exception>
    public static byte[] Encode(object? value, bool indefinite = false)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        Write(writer, value, indefinite);
        return writer.Encode();
    }

    /// <summary>Writes <paramref name="value"/> to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">A value of another type.</exception>
    public static void Write(CborWriter writer, object? value, bool indefinite = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
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
            case (string Key, object? Value)[] map:
                WriteMap(writer, map.Length, map.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)), indefinite);
                break;
            case List<KeyValuePair<string, object?>> map:
                WriteMap(writer, map.Count, map, indefinite);
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
                throw new ArgumentException($"Unsupported test value {value.GetType()}", nameof(value));
        }
    }

    private static void WriteMap(CborWriter writer, int count, IEnumerable<KeyValuePair<string, object?>> entries, bool indefinite)
    {
        writer.WriteStartMap(indefinite ? null : count);
        foreach (var (key, item) in entries)
        {
            writer.WriteTextString(key);
            Write(writer, item, indefinite);
        }
        writer.WriteEndMap();
    }
}
