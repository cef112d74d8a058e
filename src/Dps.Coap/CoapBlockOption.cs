namespace Dps.Coap;

/// <summary>
/// A Block1/Block2 value (RFC 7959 §2.2): block number, more flag and size exponent. SZX 7 is
/// BERT on reliable transports (RFC 8323 §6): 1024-byte units, several per message.
/// </summary>
public readonly record struct CoapBlockOption(uint Number, bool More, int SizeExponent)
{
    /// <summary>Largest block number the 3-byte option can carry.</summary>
    public const uint MaxNumber = (1u << 20) - 1;

    /// <summary>The SZX value that means BERT.</summary>
    public const int Bert = 7;

    /// <summary>Block size in bytes (16 · 2^SZX; BERT counts in 1024-byte units).</summary>
    public int Size => SizeExponent == Bert ? 1024 : 16 << SizeExponent;

    /// <summary>True for SZX 7.</summary>
    public bool IsBert => SizeExponent == Bert;

    /// <summary>Decodes the option value.</summary>
    /// <exception cref="CoapFormatException">The value does not fit 3 bytes.</exception>
    public static CoapBlockOption Decode(uint value)
    {
        if (value > 0xFFFFFF)
        {
            throw new CoapFormatException("A block option value has more than 3 bytes.");
        }

        return new CoapBlockOption(value >> 4, (value & 0x8) != 0, (int)(value & 0x7));
    }

    /// <summary>Encodes the option value.</summary>
    public uint Encode()
    {
        if (Number > MaxNumber)
        {
            throw new InvalidOperationException($"Block number {Number} exceeds {MaxNumber}.");
        }

        if (SizeExponent is < 0 or > 7)
        {
            throw new InvalidOperationException($"SZX {SizeExponent} is outside 0..7.");
        }

        return (Number << 4) | (More ? 8u : 0u) | (uint)SizeExponent;
    }

    /// <summary>The option for <paramref name="optionNumber"/> (Block1 or Block2).</summary>
    public CoapOption ToOption(ushort optionNumber) => CoapOption.FromUInt(optionNumber, Encode());

    /// <inheritdoc />
    public override string ToString() =>
        $"{Number}/{(More ? 1 : 0)}/{(IsBert ? "BERT" : Size.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
}
