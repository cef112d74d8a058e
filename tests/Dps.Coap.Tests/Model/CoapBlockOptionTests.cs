using Dps.Coap.Framing;

namespace Dps.Coap.Tests.Model;

public sealed class CoapBlockOptionTests
{
    // value, number, more, szx, size
    [TestCase(0x00u, 0u, false, 0, 16)]
    [TestCase(0x06u, 0u, false, 6, 1024)]
    [TestCase(0x0Eu, 0u, true, 6, 1024)]
    [TestCase(0x5Eu, 5u, true, 6, 1024)]
    [TestCase(0x12u, 1u, false, 2, 64)]
    [TestCase(0x0Fu, 0u, true, 7, 1024)]
    [TestCase(0xFFFFF7u, 0xFFFFFu, false, 7, 1024)]
    public void Decode_Value_SplitsNumberMoreAndSize(uint value, uint number, bool more, int szx, int size)
    {
        var block = CoapBlockOption.Decode(value);

        Assert.Multiple(() =>
        {
            Assert.That(block.Number, Is.EqualTo(number));
            Assert.That(block.More, Is.EqualTo(more));
            Assert.That(block.SizeExponent, Is.EqualTo(szx));
            Assert.That(block.Size, Is.EqualTo(size));
            Assert.That(block.IsBert, Is.EqualTo(szx == 7));
            Assert.That(block.Encode(), Is.EqualTo(value));
        });
    }

    [Test]
    public void Decode_MoreThanThreeBytes_ThrowsFormatException()
    {
        Assert.Throws<CoapFormatException>(() => CoapBlockOption.Decode(0x1000000));
    }

    [Test]
    public void Encode_NumberAboveTwentyBits_Throws()
    {
        var block = new CoapBlockOption(CoapBlockOption.MaxNumber + 1, false, 6);

        Assert.Throws<InvalidOperationException>(() => block.Encode());
    }

    [TestCase(-1)]
    [TestCase(8)]
    public void Encode_SizeExponentOutside0To7_Throws(int szx)
    {
        var block = new CoapBlockOption(0, false, szx);

        Assert.Throws<InvalidOperationException>(() => block.Encode());
    }

    [Test]
    public void ToOption_FirstSixteenByteBlock_IsTheEmptyValue()
    {
        var option = new CoapBlockOption(0, false, 0).ToOption(CoapOptionNumber.Block2);

        Assert.Multiple(() =>
        {
            Assert.That(option.Number, Is.EqualTo(CoapOptionNumber.Block2));
            Assert.That(option.Value.IsEmpty, Is.True);
        });
    }

    [Test]
    public void ToOption_Bert_RoundTripsThroughAMessage()
    {
        var block = new CoapBlockOption(300, true, CoapBlockOption.Bert);
        var message = CoapMessage.Request(CoapCode.Post, "/a")
            .AddOption(block.ToOption(CoapOptionNumber.Block1))
            .AddOption(new CoapBlockOption(2, false, 4).ToOption(CoapOptionNumber.Block2))
            .Build();

        var decoded = CoapTcpFramer.Decode(CoapTcpFramer.Encode(message));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(block.ToOption(CoapOptionNumber.Block1).Value.Span), Is.EqualTo("12cf"));
            Assert.That(decoded.Block1, Is.EqualTo(block));
            Assert.That(decoded.Block1!.Value.IsBert, Is.True);
            Assert.That(decoded.Block2, Is.EqualTo(new CoapBlockOption(2, false, 4)));
        });
    }

    [Test]
    public void ToString_ShowsNumberMoreAndSize()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new CoapBlockOption(5, true, 6).ToString(), Is.EqualTo("5/1/1024"));
            Assert.That(new CoapBlockOption(3, false, 7).ToString(), Is.EqualTo("3/0/BERT"));
        });
    }

    [Test]
    public void Block_AbsentOption_IsNull()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/a").Build();

        Assert.Multiple(() =>
        {
            Assert.That(message.Block1, Is.Null);
            Assert.That(message.Block2, Is.Null);
        });
    }

    [Test]
    public void Block_FourByteValue_ThrowsFormatException()
    {
        var message = CoapMessage.Create(CoapCode.Content, options: [CoapOption.FromUInt(CoapOptionNumber.Block2, 0x01000000)]);

        Assert.Throws<CoapFormatException>(() => _ = message.Block2);
    }
}
