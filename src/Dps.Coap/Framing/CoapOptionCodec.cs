using System.Buffers.Binary;

namespace Dps.Coap.Framing;

/// <summary>Encodes and validates the option region of a message (RFC 7252 §3.1).</summary>
internal static class CoapOptionCodec
{
    internal const byte PayloadMarker = 0xFF;

    /// <summary>
    /// Validates the options at the start of <paramref name="body"/> (options, then an optional
    /// payload marker and payload). Returns the length of the option region; the payload starts
    /// after the marker, if any.
    /// </summary>
    /// <exception cref="CoapFormatException">The region is malformed.</exception>
    public static int Validate(ReadOnlySpan<byte> body, out int payloadStart)
    {
        int position = 0;
        int number = 0;
        while (position < body.Length)
        {
            byte first = body[position];
            if (first == PayloadMarker)
            {
                if (position + 1 >= body.Length)
                {
                    throw new CoapFormatException("Payload marker followed by no payload.");
                }

                payloadStart = position + 1;
                return position;
            }

            int deltaNibble = first >> 4;
            int lengthNibble = first & 0x0F;
            if (deltaNibble == 15 || lengthNibble == 15)
            {
                throw new CoapFormatException("Option delta or length nibble 15 outside the payload marker.");
            }

            position++;
            int delta = ReadExtended(body, ref position, deltaNibble, "delta");
            int length = ReadExtended(body, ref position, lengthNibble, "length");
            number += delta;
            if (number > ushort.MaxValue)
            {
                throw new CoapFormatException($"Option number {number} exceeds 65535.");
            }

            if (length > body.Length - position)
            {
                throw new CoapFormatException($"Option {number} value of {length} bytes is truncated.");
            }

            position += length;
        }

        payloadStart = body.Length;
        return body.Length;
    }

    private static int ReadExtended(ReadOnlySpan<byte> body, ref int position, int nibble, string what)
    {
        switch (nibble)
        {
            case 13:
                if (position >= body.Length)
                {
                    throw new CoapFormatException($"Option {what} extension is truncated.");
                }

                return body[position++] + 13;
            case 14:
                if (position + 2 > body.Length)
                {
                    throw new CoapFormatException($"Option {what} extension is truncated.");
                }

                int value = BinaryPrimitives.ReadUInt16BigEndian(body[position..]) + 269;
                position += 2;
                return value;
            default:
                return nibble;
        }
    }

    /// <summary>Reads one option of an already validated region.</summary>
    public static int ReadOne(ReadOnlySpan<byte> region, int position, ref int number, out int valueStart, out int valueLength)
    {
        byte first = region[position++];
        int delta = first >> 4;
        int length = first & 0x0F;
        delta = delta switch
        {
            13 => region[position++] + 13,
            14 => ReadUInt16(region, ref position) + 269,
            _ => delta,
        };
        length = length switch
        {
            13 => region[position++] + 13,
            14 => ReadUInt16(region, ref position) + 269,
            _ => length,
        };
        number += delta;
        valueStart = position;
        valueLength = length;
        return position + length;
    }

    private static int ReadUInt16(ReadOnlySpan<byte> region, ref int position)
    {
        int value = BinaryPrimitives.ReadUInt16BigEndian(region[position..]);
        position += 2;
        return value;
    }

    /// <summary>Bytes one option takes on the wire.</summary>
    public static int EncodedLength(int delta, int length) => 1 + ExtensionLength(delta) + ExtensionLength(length) + length;

    private static int ExtensionLength(int value) => value < 13 ? 0 : value < 269 ? 1 : 2;

    /// <summary>Writes one option header and value; returns the bytes written.</summary>
    public static int WriteOne(Span<byte> destination, int delta, ReadOnlySpan<byte> value)
    {
        int length = value.Length;
        int position = 1;
        destination[0] = (byte)((Nibble(delta) << 4) | Nibble(length));
        position += WriteExtension(destination[position..], delta);
        position += WriteExtension(destination[position..], length);
        value.CopyTo(destination[position..]);
        return position + length;
    }

    private static int Nibble(int value) => value < 13 ? value : value < 269 ? 13 : 14;

    private static int WriteExtension(Span<byte> destination, int value)
    {
        if (value < 13)
        {
            return 0;
        }

        if (value < 269)
        {
            destination[0] = (byte)(value - 13);
            return 1;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(value - 269));
        return 2;
    }
}
