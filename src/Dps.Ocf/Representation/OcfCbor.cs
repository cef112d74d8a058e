using System.Formats.Cbor;

namespace Dps.Ocf.Representation;

/// <summary>
/// CBOR helpers for OCF representations: writers emit definite lengths only (even when a caller
/// starts a map or array without a count); readers accept definite and indefinite lengths.
/// </summary>
public static class OcfCbor
{
    /// <summary>A writer that converts indefinite-length maps and arrays to definite ones on encode.</summary>
    public static CborWriter CreateWriter() =>
        new(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: true);

    /// <summary>A tolerant reader (definite and indefinite lengths, any key order).</summary>
    public static CborReader CreateReader(ReadOnlyMemory<byte> data) => new(data, CborConformanceMode.Lax);

    /// <summary>
    /// Reads one map and calls <paramref name="onProperty"/> for every text-string key. The callback
    /// reads the value or leaves it; a value it did not touch is skipped. Non-text keys are skipped.
    /// </summary>
    /// <exception cref="CborContentException">Malformed CBOR.</exception>
    /// <exception cref="InvalidOperationException">The next item is not a map (or a callback read the wrong type).</exception>
    public static void ReadMap(CborReader reader, Action<string, CborReader> onProperty)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onProperty);
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.PeekState() != CborReaderState.TextString)
            {
                reader.SkipValue();
                reader.SkipValue();
                continue;
            }

            string key = reader.ReadTextString();
            int before = reader.BytesRemaining;
            onProperty(key, reader);
            if (reader.BytesRemaining == before)
            {
                reader.SkipValue();
            }
        }

        reader.ReadEndMap();
    }

    /// <summary>Reads a payload that must be exactly one CBOR map (see <see cref="ReadMap(CborReader, Action{string, CborReader})"/>).</summary>
    /// <exception cref="CborContentException">Malformed CBOR or trailing bytes.</exception>
    /// <exception cref="InvalidOperationException">The payload is not a map.</exception>
    public static void ReadMap(ReadOnlyMemory<byte> payload, Action<string, CborReader> onProperty)
    {
        var reader = CreateReader(payload);
        ReadMap(reader, onProperty);
        if (reader.BytesRemaining != 0)
        {
            throw new CborContentException("Trailing bytes after the representation.");
        }
    }

    /// <summary>Reads an array of text strings (definite or indefinite).</summary>
    /// <exception cref="CborContentException">Malformed CBOR.</exception>
    /// <exception cref="InvalidOperationException">Not an array of text strings.</exception>
    public static string[] ReadTextStringArray(CborReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int? count = reader.ReadStartArray();
        var items = new List<string>(count is { } n and < 64 ? n : 4);
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            items.Add(reader.ReadTextString());
        }

        reader.ReadEndArray();
        return [.. items];
    }

    /// <summary>Writes an array of text strings.</summary>
    public static void WriteTextStringArray(CborWriter writer, IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.WriteStartArray(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            writer.WriteTextString(items[i]);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the baseline properties <c>rt</c>, <c>if</c> and (when set) <c>n</c> into an open map.</summary>
    public static void WriteBaselineProperties(CborWriter writer, OcfResource resource)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(resource);
        writer.WriteTextString("rt");
        WriteTextStringArray(writer, resource.ResourceTypes);
        writer.WriteTextString("if");
        WriteTextStringArray(writer, resource.Interfaces);
        if (resource.Name is { } name)
        {
            writer.WriteTextString("n");
            writer.WriteTextString(name);
        }
    }

    /// <summary>
    /// Re-encodes one CBOR item with definite lengths (indefinite maps, arrays and chunked strings
    /// become definite; key order is kept).
    /// </summary>
    /// <exception cref="CborContentException">Malformed CBOR or trailing bytes.</exception>
    public static byte[] ToDefiniteLength(ReadOnlyMemory<byte> data)
    {
        var reader = CreateReader(data);
        var writer = CreateWriter();
        CopyItem(reader, writer, 0);
        if (reader.BytesRemaining != 0)
        {
            throw new CborContentException("Trailing bytes after the item.");
        }

        return writer.Encode();
    }

    private static void CopyItem(CborReader reader, CborWriter writer, int depth)
    {
        if (depth > 64)
        {
            throw new CborContentException("The item is nested too deeply.");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                writer.WriteStartMap(null);
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    CopyItem(reader, writer, depth + 1);
                    CopyItem(reader, writer, depth + 1);
                }

                reader.ReadEndMap();
                writer.WriteEndMap();
                break;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                writer.WriteStartArray(null);
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    CopyItem(reader, writer, depth + 1);
                }

                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                writer.WriteTextString(reader.ReadTextString());
                break;
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                writer.WriteByteString(reader.ReadByteString());
                break;
            case CborReaderState.Tag:
                writer.WriteTag(reader.ReadTag());
                CopyItem(reader, writer, depth + 1);
                break;
            default:
                writer.WriteEncodedValue(reader.ReadEncodedValue().Span);
                break;
        }
    }
}
