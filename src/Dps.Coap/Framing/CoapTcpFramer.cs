using System.Buffers;
using System.Buffers.Binary;

namespace Dps.Coap.Framing;

/// <summary>
/// RFC 8323 §3.2 framing: <c>Len|TKL</c>, extended length, code, token, options, payload.
/// Stateless; reading consumes nothing until a whole, valid frame is present.
/// </summary>
public static class CoapTcpFramer
{
    /// <summary>The RFC 8323 default Max-Message-Size before a CSM says otherwise.</summary>
    public const int DefaultMaxMessageSize = 1152;

    /// <summary>Upper bound this implementation accepts for any size (the 32-bit extended length aside).</summary>
    public const int AbsoluteMaxMessageSize = 64 * 1024 * 1024;

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. Returns false, consuming nothing,
    /// when the frame is not complete yet; on success advances <paramref name="buffer"/> past it.
    /// </summary>
    /// <param name="buffer">Received bytes.</param>
    /// <param name="maxMessageSize">Largest whole frame accepted (our advertised Max-Message-Size).</param>
    /// <param name="message">The message read.</param>
    /// <exception cref="CoapFormatException">The bytes can never become a valid frame.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out CoapMessage? message)
    {
        message = null;
        if (buffer.IsEmpty)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[6];
        int available = (int)Math.Min(buffer.Length, header.Length);
        buffer.Slice(0, available).CopyTo(header);
        byte first = header[0];
        int lengthNibble = first >> 4;
        int tokenLength = first & 0x0F;
        if (tokenLength > CoapMessage.MaxTokenLength)
        {
            throw new CoapFormatException($"Token length {tokenLength} is reserved (at most 8).");
        }

        int extension = lengthNibble switch
        {
            13 => 1,
            14 => 2,
            15 => 4,
            _ => 0,
        };
        int headerLength = 1 + extension + 1;
        if (available < headerLength)
        {
            return false;
        }

        long length = lengthNibble switch
        {
            13 => header[1] + 13L,
            14 => BinaryPrimitives.ReadUInt16BigEndian(header[1..]) + 269L,
            15 => BinaryPrimitives.ReadUInt32BigEndian(header[1..]) + 65805L,
            _ => lengthNibble,
        };
        long total = headerLength + tokenLength + length;
        if (total > maxMessageSize)
        {
            throw new CoapFormatException($"Frame of {total} bytes exceeds the Max-Message-Size {maxMessageSize}.");
        }

        if (buffer.Length < total)
        {
            return false;
        }

        var code = new CoapCode(header[headerLength - 1]);
        int bodyLength = (int)length;
        var bytes = new byte[tokenLength + bodyLength];
        buffer.Slice(headerLength, bytes.Length).CopyTo(bytes);
        var memory = new ReadOnlyMemory<byte>(bytes);
        var body = memory[tokenLength..];
        int optionsLength = CoapOptionCodec.Validate(body.Span, out int payloadStart);
        message = new CoapMessage(
            code,
            memory[..tokenLength],
            CoapOptions.FromValidated(body[..optionsLength]),
            body[payloadStart..]);
        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>Reads exactly one frame from a contiguous buffer that must hold nothing else.</summary>
    /// <exception cref="CoapFormatException">Malformed, incomplete or followed by extra bytes.</exception>
    public static CoapMessage Decode(ReadOnlyMemory<byte> frame, int maxMessageSize = AbsoluteMaxMessageSize)
    {
        var sequence = new ReadOnlySequence<byte>(frame);
        if (!TryRead(ref sequence, maxMessageSize, out var message))
        {
            throw new CoapFormatException("The frame is truncated.");
        }

        if (!sequence.IsEmpty)
        {
            throw new CoapFormatException($"{sequence.Length} bytes follow the frame.");
        }

        return message!;
    }

    /// <summary>The number of bytes <see cref="Write"/> produces for this message.</summary>
    public static int GetEncodedLength(CoapMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long length = BodyLength(message);
        return checked((int)(1 + ExtensionLength(length) + 1 + message.Token.Length + length));
    }

    /// <summary>Writes one frame.</summary>
    public static void Write(IBufferWriter<byte> writer, CoapMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int size = GetEncodedLength(message);
        var span = writer.GetSpan(size);
        WriteTo(span, message);
        writer.Advance(size);
    }

    /// <summary>Encodes one frame into a new array.</summary>
    public static byte[] Encode(CoapMessage message)
    {
        var bytes = new byte[GetEncodedLength(message)];
        WriteTo(bytes, message);
        return bytes;
    }

    /// <summary>Writes one frame into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WriteTo(Span<byte> destination, CoapMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long length = BodyLength(message);
        int tokenLength = message.Token.Length;
        int position = 1;
        int nibble;
        if (length < 13)
        {
            nibble = (int)length;
        }
        else if (length < 269)
        {
            nibble = 13;
            destination[position++] = (byte)(length - 13);
        }
        else if (length < 65805)
        {
            nibble = 14;
            BinaryPrimitives.WriteUInt16BigEndian(destination[position..], (ushort)(length - 269));
            position += 2;
        }
        else
        {
            nibble = 15;
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], (uint)(length - 65805));
            position += 4;
        }

        destination[0] = (byte)((nibble << 4) | tokenLength);
        destination[position++] = message.Code.Value;
        message.Token.Span.CopyTo(destination[position..]);
        position += tokenLength;
        message.Options.Encoded.Span.CopyTo(destination[position..]);
        position += message.Options.Encoded.Length;
        if (!message.Payload.IsEmpty)
        {
            destination[position++] = CoapOptionCodec.PayloadMarker;
            message.Payload.Span.CopyTo(destination[position..]);
            position += message.Payload.Length;
        }

        return position;
    }

    private static long BodyLength(CoapMessage message) =>
        message.Options.Encoded.Length + (message.Payload.IsEmpty ? 0 : 1 + message.Payload.Length);

    private static int ExtensionLength(long length) => length < 13 ? 0 : length < 269 ? 1 : length < 65805 ? 2 : 4;
}
