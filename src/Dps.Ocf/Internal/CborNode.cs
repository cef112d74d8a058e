using System.Formats.Cbor;

namespace Dps.Ocf.Internal;

/// <summary>
/// A decoded CBOR value. Read tolerantly: definite and indefinite lengths, tags skipped, map entries
/// with non-text keys dropped. Resource parsers work on this tree, so a failed parse never touches
/// the resource.
/// </summary>
internal sealed class CborNode
{
    private const int MaxDepth = 32;
    private static readonly List<KeyValuePair<string, CborNode>> EmptyMap = [];
    private static readonly List<CborNode> EmptyArray = [];

    private CborNode(CborNodeKind kind) => Kind = kind;

    public CborNodeKind Kind { get; }

    public string Text { get; private init; } = string.Empty;

    public byte[] Bytes { get; private init; } = [];

    public long Integer { get; private init; }

    public bool Boolean { get; private init; }

    public double Float { get; private init; }

    public List<KeyValuePair<string, CborNode>> Entries { get; private init; } = EmptyMap;

    public List<CborNode> Items { get; private init; } = EmptyArray;

    public bool IsMap => Kind == CborNodeKind.Map;

    public bool IsArray => Kind == CborNodeKind.Array;

    public bool IsText => Kind == CborNodeKind.Text;

    public bool IsInteger => Kind == CborNodeKind.Integer;

    /// <summary>Parses exactly one CBOR item.</summary>
    /// <exception cref="OcfFormatException">Malformed or trailing bytes.</exception>
    public static CborNode Parse(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new OcfFormatException("Empty CBOR payload.");
        }

        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax);
            var node = Read(reader, 0);
            if (reader.BytesRemaining != 0)
            {
                throw new OcfFormatException("Trailing bytes after the CBOR item.");
            }

            return node;
        }
        catch (CborContentException ex)
        {
            throw new OcfFormatException("Malformed CBOR: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new OcfFormatException("Malformed CBOR: " + ex.Message, ex);
        }
        catch (OverflowException ex)
        {
            throw new OcfFormatException("CBOR integer out of range.", ex);
        }
    }

    /// <summary>Parses a payload that must be a map.</summary>
    public static CborNode ParseMap(ReadOnlyMemory<byte> data)
    {
        var node = Parse(data);
        return node.IsMap ? node : throw new OcfFormatException("The CBOR payload is not a map.");
    }

    public bool TryGet(string key, out CborNode value)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                value = entry.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    public CborNode? Get(string key) => TryGet(key, out var value) ? value : null;

    private static CborNode Read(CborReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new OcfFormatException("CBOR nesting too deep.");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.Tag:
                reader.ReadTag();
                return Read(reader, depth + 1);
            case CborReaderState.StartMap:
                {
                    reader.ReadStartMap();
                    var entries = new List<KeyValuePair<string, CborNode>>();
                    while (reader.PeekState() != CborReaderState.EndMap)
                    {
                        var key = Read(reader, depth + 1);
                        var value = Read(reader, depth + 1);
                        if (key.IsText)
                        {
                            entries.Add(new(key.Text, value));
                        }
                    }

                    reader.ReadEndMap();
                    return new CborNode(CborNodeKind.Map) { Entries = entries };
                }

            case CborReaderState.StartArray:
                {
                    reader.ReadStartArray();
                    var items = new List<CborNode>();
                    while (reader.PeekState() != CborReaderState.EndArray)
                    {
                        items.Add(Read(reader, depth + 1));
                    }

                    reader.ReadEndArray();
                    return new CborNode(CborNodeKind.Array) { Items = items };
                }

            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                return new CborNode(CborNodeKind.Text) { Text = reader.ReadTextString() };
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                return new CborNode(CborNodeKind.Bytes) { Bytes = reader.ReadByteString() };
            case CborReaderState.UnsignedInteger:
                {
                    ulong value = reader.ReadUInt64();
                    return value <= long.MaxValue
                        ? new CborNode(CborNodeKind.Integer) { Integer = (long)value }
                        : new CborNode(CborNodeKind.Other);
                }

            case CborReaderState.NegativeInteger:
                {
                    ulong encoded = reader.ReadCborNegativeIntegerRepresentation();
                    return encoded < long.MaxValue
                        ? new CborNode(CborNodeKind.Integer) { Integer = -1 - (long)encoded }
                        : new CborNode(CborNodeKind.Other);
                }

            case CborReaderState.Boolean:
                return new CborNode(CborNodeKind.Boolean) { Boolean = reader.ReadBoolean() };
            case CborReaderState.Null:
                reader.ReadNull();
                return new CborNode(CborNodeKind.Null);
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                return new CborNode(CborNodeKind.Float) { Float = reader.ReadDouble() };
            case CborReaderState.SimpleValue:
                reader.SkipValue();
                return new CborNode(CborNodeKind.Other);
            default:
                throw new OcfFormatException("Unexpected CBOR structure: " + reader.PeekState());
        }
    }
}
