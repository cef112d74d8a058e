using System.Buffers.Binary;
using System.Text;

namespace Dps.Coap;

/// <summary>One option: its number and its raw value bytes.</summary>
public readonly struct CoapOption : IEquatable<CoapOption>
{
    /// <summary>Creates an option from raw value bytes.</summary>
    public CoapOption(ushort number, ReadOnlyMemory<byte> value)
    {
        Number = number;
        Value = value;
    }

    /// <summary>The option number.</summary>
    public ushort Number { get; }

    /// <summary>The raw value.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>An option with an empty value.</summary>
    public static CoapOption Empty(ushort number) => new(number, ReadOnlyMemory<byte>.Empty);

    /// <summary>An option holding UTF-8 text.</summary>
    public static CoapOption FromString(ushort number, string value) => new(number, Encoding.UTF8.GetBytes(value));

    /// <summary>An option holding opaque bytes (copied).</summary>
    public static CoapOption FromBytes(ushort number, ReadOnlySpan<byte> value) => new(number, value.ToArray());

    /// <summary>An option holding an unsigned integer in the shortest form (0 is the empty value).</summary>
    public static CoapOption FromUInt(ushort number, uint value)
    {
        int length = UIntLength(value);
        if (length == 0)
        {
            return Empty(number);
        }

        var bytes = new byte[length];
        WriteUInt(bytes, value);
        return new CoapOption(number, bytes);
    }

    /// <summary>Bytes needed for <paramref name="value"/> as a uint option (0–4).</summary>
    public static int UIntLength(uint value) => value switch
    {
        0 => 0,
        <= 0xFF => 1,
        <= 0xFFFF => 2,
        <= 0xFFFFFF => 3,
        _ => 4,
    };

    /// <summary>Writes <paramref name="value"/> big-endian into exactly <c>destination.Length</c> bytes.</summary>
    public static void WriteUInt(Span<byte> destination, uint value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }

    /// <summary>Reads a big-endian unsigned integer of 0–4 bytes.</summary>
    /// <exception cref="CoapFormatException">The value is longer than 4 bytes.</exception>
    public static uint ReadUInt(ReadOnlySpan<byte> value)
    {
        if (value.Length > 4)
        {
            throw new CoapFormatException($"A uint option value has {value.Length} bytes (at most 4).");
        }

        uint result = 0;
        foreach (byte b in value)
        {
            result = (result << 8) | b;
        }

        return result;
    }

    /// <summary>The value read as an unsigned integer.</summary>
    /// <exception cref="CoapFormatException">The value is longer than 4 bytes.</exception>
    public uint GetUInt() => ReadUInt(Value.Span);

    /// <summary>The value read as UTF-8 text.</summary>
    public string GetString() => Encoding.UTF8.GetString(Value.Span);

    /// <inheritdoc />
    public bool Equals(CoapOption other) => Number == other.Number && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CoapOption other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Number);
        hash.AddBytes(Value.Span);
        return hash.ToHashCode();
    }

    /// <summary>Number and value, the value as text or hex by the option's format.</summary>
    public override string ToString()
    {
        var definition = CoapOptionDefinition.Find(Number);
        string name = definition?.Name ?? Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string value = definition?.Format switch
        {
            CoapOptionFormat.String => GetString(),
            CoapOptionFormat.UInt when Value.Length <= 4 => GetUInt().ToString(System.Globalization.CultureInfo.InvariantCulture),
            CoapOptionFormat.Empty => string.Empty,
            _ => Convert.ToHexString(Value.Span),
        };
        return $"{name}:{value}";
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(CoapOption left, CoapOption right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(CoapOption left, CoapOption right) => !left.Equals(right);

    internal static ushort ReadUInt16BigEndian(ReadOnlySpan<byte> span) => BinaryPrimitives.ReadUInt16BigEndian(span);
}
