using System.Formats.Cbor;
using System.Text;

namespace Dps.Service.Payloads;

/// <summary>
/// Shared pieces of the tolerant CBOR request readers (definite and indefinite lengths, unknown keys
/// skipped) and the strict response writers (definite lengths, fixed key order).
/// </summary>
internal static class CborPayload
{
    /// <summary>Reads one top-level item with <paramref name="read"/> and maps every decoding failure to <see cref="PayloadFormatException"/>.</summary>
    public static T Read<T>(ReadOnlyMemory<byte> payload, string what, Func<CborReader, T> read)
    {
        if (payload.IsEmpty)
        {
            throw new PayloadFormatException($"{what}: the body is empty");
        }

        try
        {
            var reader = new CborReader(payload, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
            var result = read(reader);
            if (reader.BytesRemaining != 0)
            {
                throw new PayloadFormatException($"{what}: trailing bytes after the CBOR item");
            }

            return result;
        }
        catch (CborContentException ex)
        {
            throw new PayloadFormatException($"{what}: malformed CBOR ({ex.Message})", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new PayloadFormatException($"{what}: unexpected CBOR type ({ex.Message})", ex);
        }
        catch (FormatException ex)
        {
            throw new PayloadFormatException($"{what}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a map, calling <paramref name="onEntry"/> for each text key; the callback must consume the value (or call <see cref="CborReader.SkipValue"/>).</summary>
    public static void ReadMap(CborReader reader, string what, Action<string> onEntry)
    {
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            throw new PayloadFormatException($"{what}: expected a map, found {Describe(reader.PeekState())}");
        }

        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.PeekState() != CborReaderState.TextString)
            {
                throw new PayloadFormatException($"{what}: map keys must be text strings");
            }

            onEntry(reader.ReadTextString());
        }

        reader.ReadEndMap();
    }

    /// <summary>Reads an array, calling <paramref name="onItem"/> for each element.</summary>
    public static void ReadArray(CborReader reader, string what, Action onItem)
    {
        if (reader.PeekState() != CborReaderState.StartArray)
        {
            throw new PayloadFormatException($"{what}: expected an array, found {Describe(reader.PeekState())}");
        }

        reader.ReadStartArray();
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            onItem();
        }

        reader.ReadEndArray();
    }

    /// <summary>Reads a text string (definite or indefinite).</summary>
    public static string ReadText(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.TextString && reader.PeekState() != CborReaderState.StartIndefiniteLengthTextString)
        {
            throw new PayloadFormatException($"{what}: expected a text string, found {Describe(reader.PeekState())}");
        }

        return reader.ReadTextString();
    }

    /// <summary>Reads a text string, or a byte string decoded as UTF-8 (iotivity sends PEM data either way).</summary>
    public static string ReadTextOrUtf8Bytes(CborReader reader, string what)
    {
        var state = reader.PeekState();
        if (state == CborReaderState.ByteString || state == CborReaderState.StartIndefiniteLengthByteString)
        {
            try
            {
                return new UTF8Encoding(false, true).GetString(reader.ReadByteString());
            }
            catch (DecoderFallbackException ex)
            {
                throw new PayloadFormatException($"{what}: the byte string is not UTF-8", ex);
            }
        }

        return ReadText(reader, what);
    }

    /// <summary>Reads a byte string, or a text string as its UTF-8 bytes.</summary>
    public static byte[] ReadBytesOrText(CborReader reader, string what)
    {
        var state = reader.PeekState();
        if (state == CborReaderState.TextString || state == CborReaderState.StartIndefiniteLengthTextString)
        {
            return Encoding.UTF8.GetBytes(reader.ReadTextString());
        }

        if (state != CborReaderState.ByteString && state != CborReaderState.StartIndefiniteLengthByteString)
        {
            throw new PayloadFormatException($"{what}: expected a byte string, found {Describe(state)}");
        }

        return reader.ReadByteString();
    }

    /// <summary>Reads an integer that fits in <see cref="long"/>.</summary>
    public static long ReadInteger(CborReader reader, string what)
    {
        var state = reader.PeekState();
        if (state != CborReaderState.UnsignedInteger && state != CborReaderState.NegativeInteger)
        {
            throw new PayloadFormatException($"{what}: expected an integer, found {Describe(state)}");
        }

        try
        {
            return reader.ReadInt64();
        }
        catch (OverflowException ex)
        {
            throw new PayloadFormatException($"{what}: the integer is out of range", ex);
        }
    }

    /// <summary>Reads a boolean.</summary>
    public static bool ReadBoolean(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.Boolean)
        {
            throw new PayloadFormatException($"{what}: expected a boolean, found {Describe(reader.PeekState())}");
        }

        return reader.ReadBoolean();
    }

    /// <summary>Reads an array of text strings.</summary>
    public static List<string> ReadTextArray(CborReader reader, string what)
    {
        var list = new List<string>();
        ReadArray(reader, what, () => list.Add(ReadText(reader, what)));
        return list;
    }

    /// <summary>A writer for responses: definite lengths only, keys in the order written.</summary>
    public static CborWriter CreateWriter() => new(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false);

    /// <summary>Writes a text-string key and text value.</summary>
    public static void WriteText(CborWriter writer, string key, string value)
    {
        writer.WriteTextString(key);
        writer.WriteTextString(value);
    }

    /// <summary>Writes an array of text strings.</summary>
    public static void WriteTextArray(CborWriter writer, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(values.Count);
        foreach (var value in values)
        {
            writer.WriteTextString(value);
        }

        writer.WriteEndArray();
    }

    private static string Describe(CborReaderState state) => state switch
    {
        CborReaderState.StartMap => "a map",
        CborReaderState.StartArray => "an array",
        CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString => "a text string",
        CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString => "a byte string",
        CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => "an integer",
        CborReaderState.Boolean => "a boolean",
        CborReaderState.Null => "null",
        CborReaderState.Finished => "the end of the body",
        _ => state.ToString(),
    };
}
