using Dps.Coap.Framing;
using Dps.Coap.Tests.Vectors;

namespace Dps.Coap.Tests.Model;

public sealed class CoapMessageTests
{
    private static readonly CoapMessage Probe = CoapMessage.Request(CoapCode.Get, "/oic/res?if=oic.if.ll&rt=oic.wk.d&rt=second&flag&empty=&a=b=c").Build();

    [TestCase("if", "oic.if.ll")]
    [TestCase("rt", "oic.wk.d")]
    [TestCase("flag", "")]
    [TestCase("empty", "")]
    [TestCase("a", "b=c")]
    [TestCase("missing", null)]
    [TestCase("i", null)]
    [TestCase("IF", null)]
    [TestCase("", null)]
    public void GetQueryParameter_Name_GivesTheFirstValue(string name, string? expected)
    {
        Assert.That(Probe.GetQueryParameter(name), Is.EqualTo(expected));
    }

    [Test]
    public void GetQueryParameter_NoQuery_IsNull()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.TimeRequest));

        Assert.That(message.GetQueryParameter("if"), Is.Null);
    }

    [Test]
    public void Create_TokenOfNineBytes_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => CoapMessage.Create(CoapCode.Get, new byte[9]));
            Assert.Throws<ArgumentException>(() => CoapMessage.Create(CoapCode.Get, new byte[9], CoapOptions.None, default));
        });
    }

    [Test]
    public void ResponseTo_Request_KeepsTheTokenOnly()
    {
        var request = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.TimeRequest));

        var response = CoapMessage.ResponseTo(request, CoapCode.NotFound).Build();

        Assert.Multiple(() =>
        {
            Assert.That(response.Token.ToArray(), Is.EqualTo(request.Token.ToArray()));
            Assert.That(response.Code, Is.EqualTo(CoapCode.NotFound));
            Assert.That(response.Options.IsEmpty, Is.True);
            Assert.That(response.Payload.IsEmpty, Is.True);
        });
    }

    [Test]
    public void WithToken_SharesOptionsAndPayload()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString(CoapVectors.TimeResponse));

        var copy = message.WithToken(new byte[] { 1 });

        Assert.Multiple(() =>
        {
            Assert.That(copy.Token.ToArray(), Is.EqualTo(new byte[] { 1 }));
            Assert.That(copy.Code, Is.EqualTo(message.Code));
            Assert.That(copy.Options.Encoded.Equals(message.Options.Encoded), Is.True);
            Assert.That(copy.Payload.Equals(message.Payload), Is.True);
        });
    }

    [Test]
    public void ToBuilder_ThenBuild_EncodesTheSame()
    {
        byte[] frame = Convert.FromHexString(CoapVectors.HubPublishRequest);
        var message = CoapTcpFramer.Decode(frame);

        var rebuilt = message.ToBuilder().Build();

        Assert.That(CoapTcpFramer.Encode(rebuilt), Is.EqualTo(frame));
    }

    [Test]
    public void Accessors_AbsentOptions_AreNull()
    {
        var message = CoapMessage.Create(CoapCode.Ping);

        Assert.Multiple(() =>
        {
            Assert.That(message.ContentFormat, Is.Null);
            Assert.That(message.Accept, Is.Null);
            Assert.That(message.Observe, Is.Null);
            Assert.That(message.UriPath, Is.EqualTo("/"));
            Assert.That(message.LocationPath, Is.EqualTo("/"));
            Assert.That(message.UriQuery, Is.Empty);
        });
    }

    [Test]
    public void Accessors_PresentOptions_AreRead()
    {
        var message = new CoapMessageBuilder(CoapCode.Created)
            .SetObserve(0x010203)
            .SetAccept(CoapContentFormat.Cbor)
            .AddOption(CoapOption.FromString(CoapOptionNumber.LocationPath, "oic"))
            .AddOption(CoapOption.FromString(CoapOptionNumber.LocationPath, "sec"))
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(message.Observe, Is.EqualTo(0x010203));
            Assert.That(message.Accept, Is.EqualTo(CoapContentFormat.Cbor));
            Assert.That(message.LocationPath, Is.EqualTo("/oic/sec"));
        });
    }

    [Test]
    public void ContentFormat_ValueAboveTwoBytes_ThrowsFormatException()
    {
        var message = CoapMessage.Create(CoapCode.Content, options: [CoapOption.FromUInt(CoapOptionNumber.ContentFormat, 0x80000000)]);

        Assert.Multiple(() =>
        {
            Assert.Throws<CoapFormatException>(() => _ = message.ContentFormat);
            Assert.That(message.Accept, Is.Null);
        });
    }

    [Test]
    public void ToString_Request_SummarisesCodeTokenOptionsAndPayload()
    {
        var message = CoapMessage.Request(CoapCode.Post, "/a?b=c").SetToken(new byte[] { 0x10, 0xAB }).SetPayload(new byte[3], 60).Build();

        Assert.That(message.ToString(), Is.EqualTo("0.02 POST tok=10AB [Uri-Path:a, Content-Format:60, Uri-Query:b=c] payload(3)"));
    }

    [Test]
    public void ToString_Csm_NamesSignalingOptions()
    {
        var message = CoapTcpFramer.Decode(Convert.FromHexString("50e12380010020"));

        Assert.That(message.ToString(), Is.EqualTo("7.01 CSM tok= [Max-Message-Size:800100, Block-Wise-Transfer:]"));
    }
}
