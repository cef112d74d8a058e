using System.Buffers;
using System.Buffers.Binary;
using Dps.Coap.Framing;

namespace Dps.Coap.Tests.Framing;

public sealed partial class CoapTcpFramerTests
{
    // GET /time with token 10AB, as libcoap accepted it.
    [TestCase("520110abb474696d65")]
    // libcoap's CSM: Max-Message-Size 8388864, Block-Wise-Transfer.
    [TestCase("50e12380010020")]
    // Empty Ping, no token.
    [TestCase("00e2")]
    public void Decode_ThenEncode_IsByteExact(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);

        var message = CoapTcpFramer.Decode(frame);

        Assert.That(Convert.ToHexString(CoapTcpFramer.Encode(message)), Is.EqualTo(hex.ToUpperInvariant()));
    }

    [Test]
    public void TryRead_ShortInput_ReturnsFalseAndConsumesNothing()
    {
        byte[] frame = Convert.FromHexString("520110abb474696d65");
        for (int i = 0; i < frame.Length; i++)
        {
            var sequence = new ReadOnlySequence<byte>(frame, 0, i);

            bool read = CoapTcpFramer.TryRead(ref sequence, 1152, out _);

            Assert.Multiple(() =>
            {
                Assert.That(read, Is.False);
                Assert.That(sequence.Length, Is.EqualTo(i));
            });
        }
    }

    // Body length (options + marker + payload) → Len nibble and extended length bytes.
    [TestCase(0, "0", "")]
    [TestCase(2, "2", "")]
    [TestCase(12, "c", "")]
    [TestCase(13, "d", "00")]
    [TestCase(14, "d", "01")]
    [TestCase(268, "d", "ff")]
    [TestCase(269, "e", "0000")]
    [TestCase(270, "e", "0001")]
    [TestCase(65804, "e", "ffff")]
    [TestCase(65805, "f", "00000000")]
    [TestCase(65806, "f", "00000001")]
    [TestCase(200000, "f", "00020c33")]
    public void Encode_BodyLength_UsesTheRfc8323LengthClass(int bodyLength, string nibble, string extension)
    {
        // A body of n bytes: payload marker + n-1 payload bytes (or nothing for 0).
        byte[] payload = bodyLength == 0 ? [] : CountingBytes(bodyLength - 1);
        var message = CoapMessage.Create(CoapCode.Content, new byte[] { 0xAA }, options: null, payload: payload);

        byte[] frame = CoapTcpFramer.Encode(message);
        var decoded = CoapTcpFramer.Decode(frame);

        string head = Convert.ToHexStringLower(frame.AsSpan(0, 1 + (extension.Length / 2) + 2));
        Assert.Multiple(() =>
        {
            Assert.That(head, Is.EqualTo(nibble + "1" + extension + "45aa"));
            Assert.That(frame, Has.Length.EqualTo(1 + (extension.Length / 2) + 1 + 1 + bodyLength));
            Assert.That(decoded.Payload.Span.SequenceEqual(payload), Is.True, "payload");
            Assert.That(CoapTcpFramer.Encode(decoded).AsSpan().SequenceEqual(frame), Is.True, "re-encoding");
        });
    }

    [TestCase(0)]
    [TestCase(2)]
    [TestCase(12)]
    [TestCase(13)]
    [TestCase(268)]
    [TestCase(269)]
    [TestCase(65804)]
    [TestCase(65805)]
    public void Decode_HandMadeFrameOfEachLengthClass_RoundTrips(int bodyLength)
    {
        byte[] body = bodyLength == 0 ? [] : [0xFF, .. CountingBytes(bodyLength - 1)];
        byte[] frame = RawFrame(0x45, [1, 2], body);

        var message = CoapTcpFramer.Decode(frame);

        Assert.Multiple(() =>
        {
            Assert.That(message.Payload.Length, Is.EqualTo(Math.Max(0, bodyLength - 1)));
            Assert.That(CoapTcpFramer.Encode(message).AsSpan().SequenceEqual(frame), Is.True, "re-encoding");
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    public void Encode_TokenLength_IsTheTklNibble(int tokenLength)
    {
        byte[] token = [.. Enumerable.Range(0xA0, tokenLength).Select(b => (byte)b)];
        var message = CoapMessage.Create(CoapCode.Get, token, [CoapOption.FromString(CoapOptionNumber.UriPath, "a")]);

        byte[] frame = CoapTcpFramer.Encode(message);
        var decoded = CoapTcpFramer.Decode(frame);

        Assert.Multiple(() =>
        {
            Assert.That(frame[0], Is.EqualTo(0x20 | tokenLength));
            Assert.That(decoded.Token.ToArray(), Is.EqualTo(token));
            Assert.That(decoded.UriPath, Is.EqualTo("/a"));
            Assert.That(CoapTcpFramer.Encode(decoded), Is.EqualTo(frame));
        });
    }

    // Option number → wire form of an empty option with that number as the only option.
    [TestCase(12, "c0")]
    [TestCase(13, "d000")]
    [TestCase(14, "d001")]
    [TestCase(268, "d0ff")]
    [TestCase(269, "e00000")]
    [TestCase(2049, "e006f4")]
    [TestCase(2053, "e006f8")]
    [TestCase(65535, "e0fef2")]
    public void Encode_OptionDelta_UsesExtendedDelta(int number, string expected)
    {
        var message = CoapMessage.Create(CoapCode.Get, options: [CoapOption.Empty((ushort)number)]);

        byte[] frame = CoapTcpFramer.Encode(message);
        var decoded = CoapTcpFramer.Decode(frame);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(message.Options.Encoded.Span), Is.EqualTo(expected));
            Assert.That(decoded.Options.Contains((ushort)number), Is.True);
            Assert.That(CoapTcpFramer.Encode(decoded), Is.EqualTo(frame));
        });
    }

    [Test]
    public void Encode_OcfVersionOptions_MatchTheDeviceEncoding()
    {
        var message = CoapMessage.Create(
            CoapCode.Post,
            options:
            [
                CoapOption.FromUInt(CoapOptionNumber.OcfContentFormatVersion, 2048),
                CoapOption.FromUInt(CoapOptionNumber.OcfAcceptContentFormatVersion, 2048),
                CoapOption.FromUInt(CoapOptionNumber.Accept, CoapContentFormat.OcfCbor),
            ]);

        // Accept (17) = 0xd2 04 2710, then delta 2032 = 0xe2 06e3 0800, then delta 4 = 0x42 0800.
        Assert.That(Convert.ToHexStringLower(message.Options.Encoded.Span), Is.EqualTo("d2042710" + "e206e30800" + "420800"));
    }

    // Uri-Path (11) value length → option header bytes.
    [TestCase(12, "bc")]
    [TestCase(13, "bd00")]
    [TestCase(268, "bdff")]
    [TestCase(269, "be0000")]
    [TestCase(300, "be001f")]
    [TestCase(65804, "beffff")]
    public void Encode_LongUriPath_UsesExtendedLength(int length, string header)
    {
        string segment = new('p', length);
        var message = CoapMessage.Request(CoapCode.Get, "/" + segment).Build();

        byte[] frame = CoapTcpFramer.Encode(message);
        var decoded = CoapTcpFramer.Decode(frame);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(message.Options.Encoded.Span[..(header.Length / 2)]), Is.EqualTo(header));
            Assert.That(decoded.UriPath, Is.EqualTo("/" + segment));
            Assert.That(CoapTcpFramer.Encode(decoded).AsSpan().SequenceEqual(frame), Is.True, "re-encoding");
        });
    }

    [Test]
    public void Decode_SeveralExtendedOptionsAndPayload_ReadsEveryField()
    {
        string path = new('x', 300);
        string query = new('q', 13);
        var message = CoapMessage.Request(CoapCode.Post, $"/{path}/b?{query}&k=v")
            .SetToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.OcfContentFormatVersion, 2048))
            .AddOption(CoapOption.FromBytes(60000, [9, 9]))
            .SetPayload(CountingBytes(500), CoapContentFormat.OcfCbor)
            .Build();

        var decoded = CoapTcpFramer.Decode(CoapTcpFramer.Encode(message));

        Assert.Multiple(() =>
        {
            Assert.That(decoded.UriPath, Is.EqualTo($"/{path}/b"));
            Assert.That(decoded.UriQuery, Is.EqualTo(new[] { query, "k=v" }));
            Assert.That(decoded.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(decoded.Options.GetUInt(CoapOptionNumber.OcfContentFormatVersion), Is.EqualTo(2048));
            Assert.That(decoded.Options.TryGet(60000, out var last) ? last.Value.ToArray() : null, Is.EqualTo(new byte[] { 9, 9 }));
            Assert.That(decoded.Payload.Span.SequenceEqual(CountingBytes(500)), Is.True, "payload");
            Assert.That(decoded.Options.Encoded.Span.SequenceEqual(message.Options.Encoded.Span), Is.True, "options");
        });
    }

    [TestCase(9)]
    [TestCase(10)]
    [TestCase(12)]
    [TestCase(15)]
    public void TryRead_ReservedTokenLength_Throws(int tokenLength)
    {
        byte[] frame = [(byte)tokenLength, 0x01, .. new byte[tokenLength]];

        AssertRejected(frame, CoapTcpFramer.AbsoluteMaxMessageSize, "Token length");
    }

    [TestCase(9)]
    [TestCase(15)]
    public void TryRead_ReservedTokenLengthInFirstByteAlone_Throws(int tokenLength)
    {
        AssertRejected([(byte)tokenLength], CoapTcpFramer.AbsoluteMaxMessageSize, "Token length");
    }

    [Test]
    public void TryRead_FrameLongerThanMaxMessageSize_ThrowsBeforeTheBytesArrive()
    {
        // Len 13 + ext 0xff → 268-byte body; only the header is present.
        byte[] header = [0xD0, 0xFF, 0x45];

        AssertRejected(header, 100, "Max-Message-Size");
    }

    [Test]
    public void TryRead_FrameOfExactlyMaxMessageSize_IsRead()
    {
        byte[] frame = RawFrame(0x45, [], [0xFF, .. CountingBytes(96)]);
        var sequence = new ReadOnlySequence<byte>(frame);

        bool read = CoapTcpFramer.TryRead(ref sequence, frame.Length, out var message);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.True);
            Assert.That(message!.Payload.Length, Is.EqualTo(96));
            Assert.That(frame, Has.Length.EqualTo(100));
        });
        AssertRejected(frame, frame.Length - 1, "Max-Message-Size");
    }

    [TestCase("f0ffffffff45")]
    [TestCase("f8ffffffff45")]
    [TestCase("f07fffffff45")]
    public void TryRead_FourByteLengthOfGigabytes_ThrowsWithoutAllocatingIt(string hex)
    {
        byte[] header = Convert.FromHexString(hex);
        long before = GC.GetAllocatedBytesForCurrentThread();

        AssertRejected(header, int.MaxValue, "Max-Message-Size");

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1024 * 1024));
    }

    [Test]
    public void TryRead_LargeClaimWithinLimit_WaitsWithoutAllocatingIt()
    {
        // 1 GB claimed, limit int.MaxValue: a legal size, so wait for the bytes without allocating.
        byte[] header = [0xF0, 0x40, 0x00, 0x00, 0x00, 0x45, 0xFF, 0x01];
        var sequence = new ReadOnlySequence<byte>(header);
        long before = GC.GetAllocatedBytesForCurrentThread();

        bool read = CoapTcpFramer.TryRead(ref sequence, int.MaxValue, out var message);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.False);
            Assert.That(message, Is.Null);
            Assert.That(sequence.Length, Is.EqualTo(header.Length));
            Assert.That(allocated, Is.LessThan(1024 * 1024));
        });
    }

    [TestCase("f1", TestName = "TryRead_DeltaNibble15_Throws")]
    [TestCase("1f", TestName = "TryRead_LengthNibble15_Throws")]
    [TestCase("f000", TestName = "TryRead_DeltaNibble15WithLength0_Throws")]
    [TestCase("b161f0", TestName = "TryRead_DeltaNibble15AfterAnOption_Throws")]
    [TestCase("ff", TestName = "TryRead_PayloadMarkerWithoutPayload_Throws")]
    [TestCase("b161ff", TestName = "TryRead_PayloadMarkerAfterOptionWithoutPayload_Throws")]
    [TestCase("d0", TestName = "TryRead_TruncatedOneByteDeltaExtension_Throws")]
    [TestCase("e000", TestName = "TryRead_TruncatedTwoByteDeltaExtension_Throws")]
    [TestCase("0d", TestName = "TryRead_TruncatedOneByteLengthExtension_Throws")]
    [TestCase("0e01", TestName = "TryRead_TruncatedTwoByteLengthExtension_Throws")]
    [TestCase("dd00", TestName = "TryRead_DeltaExtensionPresentLengthExtensionMissing_Throws")]
    [TestCase("036162", TestName = "TryRead_TruncatedOptionValue_Throws")]
    [TestCase("0d0161", TestName = "TryRead_TruncatedExtendedOptionValue_Throws")]
    [TestCase("e0fef210", TestName = "TryRead_OptionNumber65536_Throws")]
    [TestCase("e0fef2e0ffff", TestName = "TryRead_OptionNumberFarAbove65535_Throws")]
    public void TryRead_MalformedOptions_Throws(string bodyHex)
    {
        byte[] frame = RawFrame(0x01, [0x10, 0xAB], Convert.FromHexString(bodyHex));

        AssertRejected(frame, CoapTcpFramer.AbsoluteMaxMessageSize, "ption", "marker");
    }

    [Test]
    public void Decode_OptionNumber65535_IsAccepted()
    {
        byte[] frame = RawFrame(0x01, [], Convert.FromHexString("e0fef200"));

        var message = CoapTcpFramer.Decode(frame);

        Assert.That(message.Options.Contains(65535), Is.True);
    }

    [Test]
    public void TryRead_MalformedFrameFollowedByMore_LeavesBufferUnchanged()
    {
        byte[] bad = RawFrame(0x01, [], [0xFF]);
        byte[] bytes = [.. bad, .. Convert.FromHexString("00e2")];
        var sequence = ChunkedSequence.Create(bytes, [1, 2]);
        var before = sequence;

        Assert.Throws<CoapFormatException>(() => CoapTcpFramer.TryRead(ref sequence, 1152, out _));
        Assert.That(sequence, Is.EqualTo(before));
    }

    [Test]
    public void TryRead_TwoFramesThenAPartOfAThird_ReadsTwoAndKeepsThePart()
    {
        byte[] bytes = Convert.FromHexString("00e2" + "08e3" + "0102030405060708" + "520110");
        var sequence = new ReadOnlySequence<byte>(bytes);

        bool first = CoapTcpFramer.TryRead(ref sequence, 1152, out var ping);
        bool second = CoapTcpFramer.TryRead(ref sequence, 1152, out var pong);
        bool third = CoapTcpFramer.TryRead(ref sequence, 1152, out var partial);

        Assert.Multiple(() =>
        {
            Assert.That(first && second, Is.True);
            Assert.That(third, Is.False);
            Assert.That(ping!.Code, Is.EqualTo(CoapCode.Ping));
            Assert.That(pong!.Code, Is.EqualTo(CoapCode.Pong));
            Assert.That(pong.Token.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
            Assert.That(partial, Is.Null);
            Assert.That(Convert.ToHexStringLower(sequence.ToArray()), Is.EqualTo("520110"));
        });
    }

    [Test]
    public void TryRead_HeaderSplitAcrossSegments_ReadsIt()
    {
        byte[] frame = RawFrame(0x45, [7], [0xFF, .. CountingBytes(70000)]);

        // The 4-byte extended length split one byte at a time, the body in two.
        var sequence = ChunkedSequence.Create(frame, [1, 2, 3, 4, 5, 6, 40000]);

        bool read = CoapTcpFramer.TryRead(ref sequence, CoapTcpFramer.AbsoluteMaxMessageSize, out var message);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.True);
            Assert.That(sequence.IsEmpty, Is.True);
            Assert.That(CoapTcpFramer.Encode(message!).AsSpan().SequenceEqual(frame), Is.True, "re-encoding");
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void TryRead_NonPositiveMaxMessageSize_ThrowsArgumentOutOfRange(int maxMessageSize)
    {
        var sequence = new ReadOnlySequence<byte>(Convert.FromHexString("00e2"));

        Assert.Throws<ArgumentOutOfRangeException>(() => CoapTcpFramer.TryRead(ref sequence, maxMessageSize, out _));
    }

    [Test]
    public void Decode_TruncatedFrame_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<CoapFormatException>(() => CoapTcpFramer.Decode(Convert.FromHexString("520110abb474696d")));
            Assert.Throws<CoapFormatException>(() => CoapTcpFramer.Decode(Array.Empty<byte>()));
            Assert.Throws<CoapFormatException>(() => CoapTcpFramer.Decode(Convert.FromHexString("d0")));
        });
    }

    [Test]
    public void Decode_TrailingBytes_Throws()
    {
        var exception = Assert.Throws<CoapFormatException>(() => CoapTcpFramer.Decode(Convert.FromHexString("00e200")));

        Assert.That(exception!.Message, Does.Contain("follow"));
    }

    [Test]
    public void Decode_SpanMemoryAndArray_Agree()
    {
        byte[] frame = Convert.FromHexString("520110abb474696d65");

        var fromArray = CoapTcpFramer.Decode(frame);
        var fromMemory = CoapTcpFramer.Decode(frame.AsMemory());
        var fromSpan = CoapTcpFramer.Decode(frame.AsSpan());

        Assert.Multiple(() =>
        {
            Assert.That(CoapTcpFramer.Encode(fromMemory), Is.EqualTo(frame));
            Assert.That(CoapTcpFramer.Encode(fromSpan), Is.EqualTo(frame));
            Assert.That(CoapTcpFramer.Encode(fromArray), Is.EqualTo(frame));
        });
    }

    [Test]
    public void Decode_MessageOwnsItsBytes_NotTheCallersBuffer()
    {
        byte[] frame = Convert.FromHexString("520110abb474696d65");

        var message = CoapTcpFramer.Decode(frame);
        Array.Clear(frame);

        Assert.Multiple(() =>
        {
            Assert.That(message.UriPath, Is.EqualTo("/time"));
            Assert.That(Convert.ToHexStringLower(message.Token.Span), Is.EqualTo("10ab"));
        });
    }

    [Test]
    public void Write_ToBufferWriter_MatchesEncode()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/oic/res?if=oic.if.ll").SetToken(new byte[] { 1, 2, 3 }).Build();
        var writer = new ArrayBufferWriter<byte>();

        CoapTcpFramer.Write(writer, message);
        CoapTcpFramer.Write(writer, message);

        byte[] once = CoapTcpFramer.Encode(message);
        Assert.That(writer.WrittenSpan.ToArray(), Is.EqualTo([.. once, .. once]));
    }

    [Test]
    public void WriteTo_DestinationTooShort_ThrowsArgumentException()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/time").Build();
        byte[] destination = new byte[CoapTcpFramer.GetEncodedLength(message) - 1];

        Assert.Throws<ArgumentException>(() => CoapTcpFramer.WriteTo(destination, message));
    }

    [Test]
    public void WriteTo_LargerDestination_ReturnsBytesWritten()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/time").SetToken(new byte[] { 0x10, 0xAB }).Build();
        byte[] destination = new byte[64];

        int written = CoapTcpFramer.WriteTo(destination, message);

        Assert.That(Convert.ToHexStringLower(destination.AsSpan(0, written)), Is.EqualTo("520110abb474696d65"));
    }

    [TestCase("", false, 0L)]
    [TestCase("08", false, 0L)]
    [TestCase("08e1", true, 10L)]
    [TestCase("d80b", false, 0L)]
    [TestCase("d80b01", true, 35L)]
    [TestCase("e8010902", true, 546L)]
    [TestCase("f0ffffff", false, 0L)]
    [TestCase("f0ffffffff45", true, 4295033106L)]
    public void TryGetFrameLength_Header_GivesWholeFrameLength(string hex, bool known, long expected)
    {
        bool result = CoapTcpFramer.TryGetFrameLength(Convert.FromHexString(hex), out long length);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(known));
            Assert.That(length, Is.EqualTo(expected));
        });
    }

    [Test]
    public void TryRead_SmallFrame_AllocatesOnlyTheMessageAndItsBuffer()
    {
        byte[] frame = Convert.FromHexString("d80b01fc94bd4795399b69ba782e706c67642e6465760474696d65622710e206e30800");
        for (int i = 0; i < 100; i++)
        {
            var warm = new ReadOnlySequence<byte>(frame);
            CoapTcpFramer.TryRead(ref warm, 1152, out _);
        }

        const int Rounds = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            var sequence = new ReadOnlySequence<byte>(frame);
            CoapTcpFramer.TryRead(ref sequence, 1152, out _);
        }

        long perRead = (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;

        // One byte[] of token + body (24-byte header + 33 bytes, padded) and one CoapMessage (~72 bytes).
        Assert.That(perRead, Is.LessThanOrEqualTo(64 + 80));
    }

    private static void AssertRejected(byte[] frame, int maxMessageSize, params string[] messageParts)
    {
        foreach (var sequence in new[] { new ReadOnlySequence<byte>(frame), ChunkedSequence.Create(frame, [Math.Min(1, frame.Length)]) })
        {
            var buffer = sequence;
            var exception = Assert.Throws<CoapFormatException>(() => CoapTcpFramer.TryRead(ref buffer, maxMessageSize, out _));
            Assert.Multiple(() =>
            {
                Assert.That(buffer, Is.EqualTo(sequence), "nothing consumed");
                Assert.That(messageParts.Any(p => exception!.Message.Contains(p, StringComparison.Ordinal)), Is.True, exception!.Message);
            });
        }
    }

    /// <summary>A frame built by hand from RFC 8323 §3.2, independent of the framer's writer.</summary>
    internal static byte[] RawFrame(byte code, byte[] token, byte[] body)
    {
        var header = new List<byte>();
        int length = body.Length;
        if (length < 13)
        {
            header.Add((byte)((length << 4) | token.Length));
        }
        else if (length < 269)
        {
            header.Add((byte)(0xD0 | token.Length));
            header.Add((byte)(length - 13));
        }
        else if (length < 65805)
        {
            header.Add((byte)(0xE0 | token.Length));
            byte[] extension = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(extension, (ushort)(length - 269));
            header.AddRange(extension);
        }
        else
        {
            header.Add((byte)(0xF0 | token.Length));
            byte[] extension = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(extension, (uint)(length - 65805));
            header.AddRange(extension);
        }

        header.Add(code);
        return [.. header, .. token, .. body];
    }

    private static byte[] CountingBytes(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7);
        }

        return bytes;
    }
}
