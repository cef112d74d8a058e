using System.Buffers;
using Dps.Coap.Framing;
using Dps.Coap.Tests.Framing;

namespace Dps.Coap.Tests.Vectors;

/// <summary>The framer against frames a real iotivity-lite device sent and accepted.</summary>
public sealed class CoapVectorTests
{
    private static IEnumerable<TestCaseData> AllVectors() =>
        CoapVectors.All.Select(v => new TestCaseData(v.Hex).SetArgDisplayNames(v.Name));

    [TestCaseSource(nameof(AllVectors))]
    public void Decode_ThenEncode_IsByteExact(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);

        var message = CoapTcpFramer.Decode(frame);

        Assert.Multiple(() =>
        {
            Assert.That(CoapTcpFramer.Encode(message), Is.EqualTo(frame));
            Assert.That(CoapTcpFramer.GetEncodedLength(message), Is.EqualTo(frame.Length));
        });
    }

    [TestCaseSource(nameof(AllVectors))]
    public void TryRead_EveryPrefix_ReturnsFalseAndConsumesNothing(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);
        for (int length = 0; length < frame.Length; length++)
        {
            var sequence = new ReadOnlySequence<byte>(frame, 0, length);
            var before = sequence;

            bool read = CoapTcpFramer.TryRead(ref sequence, CoapTcpFramer.AbsoluteMaxMessageSize, out var message);

            if (read || message is not null || !sequence.Equals(before))
            {
                Assert.Fail($"A prefix of {length} of {frame.Length} bytes was read or consumed.");
            }
        }
    }

    [TestCaseSource(nameof(AllVectors))]
    public void TryRead_EveryTwoSegmentSplit_ReadsTheWholeFrame(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);
        for (int cut = 0; cut <= frame.Length; cut++)
        {
            var sequence = ChunkedSequence.Create(frame, [cut]);

            bool read = CoapTcpFramer.TryRead(ref sequence, CoapTcpFramer.AbsoluteMaxMessageSize, out var message);

            if (!read || !sequence.IsEmpty || !CoapTcpFramer.Encode(message!).AsSpan().SequenceEqual(frame))
            {
                Assert.Fail($"Splitting at {cut} of {frame.Length} bytes broke the read.");
            }
        }
    }

    [Test]
    public void TryRead_AllVectorsBackToBack_ReadsEachInOrder()
    {
        byte[][] frames = [.. CoapVectors.All.Select(v => Convert.FromHexString(v.Hex))];
        var sequence = new ReadOnlySequence<byte>([.. frames.SelectMany(f => f)]);
        var read = new List<byte[]>();

        while (CoapTcpFramer.TryRead(ref sequence, CoapTcpFramer.AbsoluteMaxMessageSize, out var message))
        {
            read.Add(CoapTcpFramer.Encode(message!));
        }

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(frames));
            Assert.That(sequence.IsEmpty, Is.True);
        });
    }

    [Test]
    public void Decode_TimeRequest_MatchesBreakdown()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.TimeRequest));

        Assert.Multiple(() =>
        {
            Assert.That(message.Code, Is.EqualTo(CoapCode.Get));
            Assert.That(Convert.ToHexStringLower(message.Token.Span), Is.EqualTo("fc94bd4795399b69"));
            Assert.That(OptionList(message), Is.EqualTo(new[]
            {
                "11=782e706c67642e646576",
                "11=74696d65",
                "17=2710",
                "2049=0800",
            }));
            Assert.That(message.Payload.Length, Is.Zero);
            Assert.That(message.UriPath, Is.EqualTo("/x.plgd.dev/time"));
            Assert.That(message.Accept, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(message.Options.GetUInt(CoapOptionNumber.OcfAcceptContentFormatVersion), Is.EqualTo(2048));
        });
    }

    [Test]
    public void Decode_TimeResponse_MatchesBreakdown()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.TimeResponse));

        Assert.Multiple(() =>
        {
            Assert.That(message.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(Convert.ToHexStringLower(message.Token.Span), Is.EqualTo("fc94bd4795399b69"));
            Assert.That(OptionList(message), Is.EqualTo(new[] { "12=2710" }));
            Assert.That(message.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(message.Payload.Length, Is.EqualTo(38));
            Assert.That(Convert.ToHexStringLower(message.Payload.Span), Does.StartWith("a16474696d65781e"));
        });
    }

    [Test]
    public void Decode_CredentialsRequest_MatchesBreakdown()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.CredentialsRequest));

        Assert.Multiple(() =>
        {
            Assert.That(message.Code, Is.EqualTo(CoapCode.Post));
            Assert.That(Convert.ToHexStringLower(message.Token.Span), Is.EqualTo("64063d56d14d7b6a"));
            Assert.That(OptionList(message), Is.EqualTo(new[]
            {
                "11=617069",
                "11=7631",
                "11=70726f766973696f6e696e67",
                "11=63726564656e7469616c73",
                "12=2710",
                "17=2710",
                "2049=0800",
                "2053=0800",
            }));
            Assert.That(message.UriPath, Is.EqualTo("/api/v1/provisioning/credentials"));
            Assert.That(message.Payload.Length, Is.EqualTo(487));
            Assert.That(message.Payload.Span[0], Is.EqualTo(0xBF), "indefinite-length map");
            Assert.That(message.Payload.Span[^1], Is.EqualTo(0xFF), "break");
        });
    }

    [Test]
    public void Decode_CredentialsResponse_HasTwoByteExtendedLength()
    {
        byte[] frame = Convert.FromHexString(CoapVectors.CredentialsResponse);

        var message = CoapTcpFramer.Decode(frame);

        Assert.Multiple(() =>
        {
            Assert.That(frame[0], Is.EqualTo(0xE8), "Len nibble 14, TKL 8");
            Assert.That(frame.Length, Is.EqualTo(1762));
            Assert.That(message.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(Convert.ToHexStringLower(message.Token.Span), Is.EqualTo("64063d56d14d7b6a"));
            Assert.That(OptionList(message), Is.EqualTo(new[] { "12=2710" }));
            Assert.That(message.Payload.Length, Is.EqualTo(1746));
        });
    }

    [Test]
    public void Decode_HubPublishRequest_MatchesBreakdown()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.HubPublishRequest));

        Assert.Multiple(() =>
        {
            Assert.That(message.Code, Is.EqualTo(CoapCode.Post));
            Assert.That(Convert.ToHexStringLower(message.Token.Span), Is.EqualTo("823b8fa060168137"));
            Assert.That(OptionList(message), Is.EqualTo(new[]
            {
                "11=6f6963",
                "11=7264",
                "12=2710",
                "15=72743d6f69632e776b2e7264707562",
                "17=2710",
                "2049=0800",
                "2053=0800",
            }));
            Assert.That(message.UriPath, Is.EqualTo("/oic/rd"));
            Assert.That(message.UriQuery, Is.EqualTo(new[] { "rt=oic.wk.rdpub" }));
            Assert.That(message.GetQueryParameter("rt"), Is.EqualTo("oic.wk.rdpub"));
            Assert.That(message.Payload.Length, Is.EqualTo(550));
        });
    }

    [Test]
    public void Decode_ResProbeRequest_HasTwoQueries()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.DpsResProbeRequest));

        Assert.Multiple(() =>
        {
            Assert.That(message.Code, Is.EqualTo(CoapCode.Get));
            Assert.That(message.UriPath, Is.EqualTo("/oic/res"));
            Assert.That(message.UriQuery, Is.EqualTo(new[] { "if=oic.if.ll", "rt=oic.wk.d" }));
            Assert.That(message.GetQueryParameter("if"), Is.EqualTo("oic.if.ll"));
            Assert.That(message.GetQueryParameter("rt"), Is.EqualTo("oic.wk.d"));
            Assert.That(message.Payload.IsEmpty, Is.True);
        });
    }

    [TestCase(CoapVectors.HubDevicePing, 0xE2, "35a691804d15bc8b")]
    [TestCase(CoapVectors.HubDevicePingPong, 0xE3, "35a691804d15bc8b")]
    [TestCase(CoapVectors.HubServerPing, 0xE2, "1bed62dde34a3159")]
    [TestCase(CoapVectors.HubServerPingPong, 0xE3, "1bed62dde34a3159")]
    [TestCase(CoapVectors.DpsServerCsm, 0xE1, "8628b574382bcd63")]
    [TestCase(CoapVectors.HubServerCsm, 0xE1, "2a21af3081b28e46")]
    public void Decode_SignalWithEightByteTokenAndNoOptions_MatchesBreakdown(string hex, int code, string token)
    {
        byte[] frame = Convert.FromHexString(hex);

        var message = CoapTcpFramer.Decode(frame);

        Assert.Multiple(() =>
        {
            Assert.That(frame, Has.Length.EqualTo(10));
            Assert.That(frame[0], Is.EqualTo(0x08), "Len nibble 0, TKL 8");
            Assert.That(message.Code.Value, Is.EqualTo(code));
            Assert.That(message.Code.IsSignaling, Is.True);
            Assert.That(Convert.ToHexStringLower(message.Token.Span), Is.EqualTo(token));
            Assert.That(message.Options.IsEmpty, Is.True);
            Assert.That(message.Payload.IsEmpty, Is.True);
        });
    }

    [Test]
    public void Build_TimeRequestFromParts_EncodesAsTheDevice()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/x.plgd.dev/time")
            .SetToken(Convert.FromHexString("fc94bd4795399b69"))
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, 2048)
            .Build();

        Assert.That(Convert.ToHexStringLower(CoapTcpFramer.Encode(message)), Is.EqualTo(CoapVectors.TimeRequest));
    }

    [Test]
    public void Build_ResProbeRequestFromParts_EncodesAsTheServer()
    {
        // Options added out of order: the builder sorts them and keeps the queries' order.
        var message = new CoapMessageBuilder(CoapCode.Get)
            .SetToken(Convert.FromHexString("329eb2dc6e45acb1"))
            .SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, 2048)
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetPathAndQuery("/oic/res?if=oic.if.ll&rt=oic.wk.d")
            .Build();

        Assert.That(Convert.ToHexStringLower(CoapTcpFramer.Encode(message)), Is.EqualTo(CoapVectors.DpsResProbeRequest));
    }

    [Test]
    public void ResponseTo_TimeRequest_EncodesAsTheServerAnswer()
    {
        var request = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.TimeRequest));
        var answer = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.TimeResponse));

        var response = CoapMessage.ResponseTo(request, CoapCode.Content)
            .SetPayload(answer.Payload, CoapContentFormat.OcfCbor)
            .Build();

        Assert.That(Convert.ToHexStringLower(CoapTcpFramer.Encode(response)), Is.EqualTo(CoapVectors.TimeResponse));
    }

    private static string[] OptionList(CoapMessage message)
    {
        var list = new List<string>();
        foreach (var option in message.Options)
        {
            list.Add($"{option.Number}={Convert.ToHexStringLower(option.Value.Span)}");
        }

        return [.. list];
    }
}
