using System.Formats.Cbor;
using System.Globalization;
using System.Text.Json;
using Dps.Service.Payloads;

namespace Dps.Service.Http;

/// <summary>Converts a CBOR item (a device representation) to JSON for the HTTP API; byte strings become base64.</summary>
internal static class CborJson
{
    /// <summary>Converts one CBOR item.</summary>
    /// <exception cref="PayloadFormatException">The bytes are not one well-formed CBOR item.</exception>
    public static byte[] ToJson(ReadOnlyMemory<byte> cbor)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            try
            {
                var reader = new CborReader(cbor, CborConformanceMode.Lax);
                WriteItem(reader, writer, 0);
                if (reader.BytesRemaining != 0)
                {
                    throw new PayloadFormatException("trailing bytes after the CBOR item");
                }
            }
            catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException)
            {
                throw new PayloadFormatException($"malformed CBOR ({ex.Message})", ex);
            }
        }

        return stream.ToArray();
    }

    private static void WriteItem(CborReader reader, Utf8JsonWriter writer, int depth)
    {
        if (depth > 64)
        {
            throw new PayloadFormatException("CBOR nested too deeply");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                writer.WriteStartObject();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    writer.WritePropertyName(ReadKey(reader));
                    WriteItem(reader, writer, depth + 1);
                }

                reader.ReadEndMap();
                writer.WriteEndObject();
                break;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                writer.WriteStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    WriteItem(reader, writer, depth + 1);
                }

                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                writer.WriteStringValue(reader.ReadTextString());
                break;
            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                writer.WriteBase64StringValue(reader.ReadByteString());
                break;
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                var value = reader.ReadDouble();
                if (double.IsFinite(value))
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case CborReaderState.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                writer.WriteNullValue();
                break;
            case CborReaderState.Tag:
                reader.ReadTag();
                WriteItem(reader, writer, depth + 1);
                break;
            default:
                reader.SkipValue();
                writer.WriteNullValue();
                break;
        }
    }

    private static string ReadKey(CborReader reader) => reader.PeekState() switch
    {
        CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString => reader.ReadTextString(),
        CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => reader.ReadInt64().ToString(CultureInfo.InvariantCulture),
        _ => throw new PayloadFormatException("map keys must be text strings or integers"),
    };
}
