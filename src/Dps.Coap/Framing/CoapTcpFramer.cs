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

    /// <summary>Longest frame header: <c>Len|TKL</c>, a 4-byte extended length and the code.</summary>
    public const int MaxHeaderLength = 6;

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. Returns false, consuming nothing,
    /// when the frame is not complete yet; on success advances <paramref name="buffer"/> past it.
    /// </summary>
    /// <param name="buffer">Received bytes.</param>
    /// <param name="maxMessageSize">Largest whole frame accepted (our advertised Max-Message-Size).</param>
    /// <param name="message">The message read.</param>
    /// <exception cref="CoapFormatException">
    /// The bytes can never become a valid frame (reserved token length, a length above
    /// <paramref name="maxMessageSize"/>, malformed options). <paramref name="buffer"/> is left unchanged
    /// and nothing of the claimed size has been allocated.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMessageSize"/> is not positive.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out CoapMessage? message)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageSize);
        message = null;
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        FrameHeader header;
        if (first.Length >= MaxHeaderLength || buffer.IsSingleSegment)
        {
            if (!TryReadHeader(first, maxMessageSize, out header))
            {
                return false;
            }
        }
        else
        {
            Span<byte> copy = stackalloc byte[MaxHeaderLength];
            int available = (int)Math.Min(buffer.Length, MaxHeaderLength);
            buffer.Slice(0, available).CopyTo(copy);
            if (!TryReadHeader(copy[..available], maxMessageSize, out header))
            {
                return false;
            }
        }

        int total = header.FrameLength;
        if (buffer.Length < total)
        {
            return false;
        }

        int contentLength = header.TokenLength + header.BodyLength;
        byte[] bytes;
        int optionsLength;
        int payloadStart;
        if (first.Length >= total)
        {
            // Contiguous: validate in place, so a malformed frame allocates nothing.
            var content = first.Slice(header.HeaderLength, contentLength);
            optionsLength = CoapOptionCodec.Validate(content[header.TokenLength..], out payloadStart);
            bytes = content.ToArray();
        }
        else
        {
            bytes = new byte[contentLength];
            buffer.Slice(header.HeaderLength, contentLength).CopyTo(bytes);
            optionsLength = CoapOptionCodec.Validate(bytes.AsSpan(header.TokenLength), out payloadStart);
        }

        message = Create(header, bytes, optionsLength, payloadStart);
        buffer = buffer.Slice(total);
        return true;
    }

    /// <summary>
    /// Reads the size of the frame at the start of <paramref name="buffer"/> from its header alone.
    /// Returns false when fewer than the header's bytes are present.
    /// </summary>
    /// <param name="buffer">Received bytes.</param>
    /// <param name="frameLength">The whole frame's length in bytes, header included.</param>
    /// <exception cref="CoapFormatException">The token length is reserved (9–15).</exception>
    public static bool TryGetFrameLength(ReadOnlySpan<byte> buffer, out long frameLength)
    {
        frameLength = 0;
        if (!TryReadLengths(buffer, out int headerLength, out int tokenLength, out long bodyLength))
        {
            return false;
        }

        frameLength = headerLength + tokenLength + bodyLength;
        return true;
    }

    /// <summary>Reads exactly one frame from a contiguous buffer that must hold nothing else.</summary>
    /// <exception cref="CoapFormatException">Malformed, incomplete or followed by extra bytes.</exception>
    public static CoapMessage Decode(ReadOnlySpan<byte> frame, int maxMessageSize = AbsoluteMaxMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageSize);
        if (!TryReadHeader(frame, maxMessageSize, out var header) || frame.Length < header.FrameLength)
        {
            throw new CoapFormatException($"The frame of {frame.Length} bytes is truncated.");
        }

        if (frame.Length > header.FrameLength)
        {
            throw new CoapFormatException($"{frame.Length - header.FrameLength} bytes follow the frame.");
        }

        var content = frame.Slice(header.HeaderLength, header.TokenLength + header.BodyLength);
        int optionsLength = CoapOptionCodec.Validate(content[header.TokenLength..], out int payloadStart);
        return Create(header, content.ToArray(), optionsLength, payloadStart);
    }

    /// <summary>Reads exactly one frame from a contiguous buffer that must hold nothing else.</summary>
    /// <exception cref="CoapFormatException">Malformed, incomplete or followed by extra bytes.</exception>
    public static CoapMessage Decode(ReadOnlyMemory<byte> frame, int maxMessageSize = AbsoluteMaxMessageSize) =>
        Decode(frame.Span, maxMessageSize);

    /// <summary>Reads exactly one frame from a byte array that must hold nothing else.</summary>
    /// <exception cref="CoapFormatException">Malformed, incomplete or followed by extra bytes.</exception>
    public static CoapMessage Decode(byte[] frame, int maxMessageSize = AbsoluteMaxMessageSize) =>
        Decode(new ReadOnlySpan<byte>(frame), maxMessageSize);

    /// <summary>The number of bytes <see cref="Write"/> produces for this message.</summary>
    /// <exception cref="OverflowException">The message is larger than 2 GB.</exception>
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
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="GetEncodedLength"/>.</exception>
    public static int WriteTo(Span<byte> destination, CoapMessage message)
    {
        int size = GetEncodedLength(message);
        if (destination.Length < size)
        {
            throw new ArgumentException($"The frame needs {size} bytes; the destination has {destination.Length}.", nameof(destination));
        }

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
        var options = message.Options.Encoded.Span;
        options.CopyTo(destination[position..]);
        position += options.Length;
        if (!message.Payload.IsEmpty)
        {
            destination[position++] = CoapOptionCodec.PayloadMarker;
            message.Payload.Span.CopyTo(destination[position..]);
            position += message.Payload.Length;
        }

        return position;
    }

    /// <summary>Wraps the token-and-body bytes of a validated frame without copying them.</summary>
    private static CoapMessage Create(in FrameHeader header, byte[] bytes, int optionsLength, int payloadStart)
    {
        var memory = new ReadOnlyMemory<byte>(bytes);
        var body = memory[header.TokenLength..];
        return new CoapMessage(
            header.Code,
            memory[..header.TokenLength],
            CoapOptions.FromValidated(body[..optionsLength]),
            body[payloadStart..]);
    }

    /// <summary>Parses the fixed part of a frame; false when <paramref name="buffer"/> is shorter than it.</summary>
    private static bool TryReadHeader(ReadOnlySpan<byte> buffer, int maxMessageSize, out FrameHeader header)
    {
        header = default;
        if (!TryReadLengths(buffer, out int headerLength, out int tokenLength, out long bodyLength))
        {
            return false;
        }

        long total = headerLength + tokenLength + bodyLength;
        if (total > maxMessageSize)
        {
            throw new CoapFormatException($"A frame of {total} bytes exceeds the Max-Message-Size {maxMessageSize}.");
        }

        header = new FrameHeader(headerLength, tokenLength, (int)bodyLength, new CoapCode(buffer[headerLength - 1]));
        return true;
    }

    private static bool TryReadLengths(ReadOnlySpan<byte> buffer, out int headerLength, out int tokenLength, out long bodyLength)
    {
        headerLength = 0;
        bodyLength = 0;
        tokenLength = 0;
        if (buffer.IsEmpty)
        {
            return false;
        }

        byte first = buffer[0];
        int lengthNibble = first >> 4;
        tokenLength = first & 0x0F;
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
        headerLength = 1 + extension + 1;
        if (buffer.Length < headerLength)
        {
            return false;
        }

        bodyLength = lengthNibble switch
        {
            13 => buffer[1] + 13L,
            14 => BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]) + 269L,
            15 => BinaryPrimitives.ReadUInt32BigEndian(buffer[1..]) + 65805L,
            _ => lengthNibble,
        };
        return true;
    }

    private static long BodyLength(CoapMessage message) =>
        message.Options.Encoded.Length + (message.Payload.IsEmpty ? 0 : 1 + message.Payload.Length);

    private static int ExtensionLength(long length) => length < 13 ? 0 : length < 269 ? 1 : length < 65805 ? 2 : 4;

    private readonly record struct FrameHeader(int HeaderLength, int TokenLength, int BodyLength, CoapCode Code)
    {
        public int FrameLength => HeaderLength + TokenLength + BodyLength;
    }
}
