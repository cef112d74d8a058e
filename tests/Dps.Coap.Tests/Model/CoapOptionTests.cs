namespace Dps.Coap.Tests.Model;

public sealed class CoapOptionTests
{
    [TestCase(0u, "")]
    [TestCase(1u, "01")]
    [TestCase(255u, "ff")]
    [TestCase(256u, "0100")]
    [TestCase(2048u, "0800")]
    [TestCase(10000u, "2710")]
    [TestCase(65535u, "ffff")]
    [TestCase(65536u, "010000")]
    [TestCase(0xFFFFFFu, "ffffff")]
    [TestCase(0x1000000u, "01000000")]
    [TestCase(uint.MaxValue, "ffffffff")]
    public void FromUInt_Value_UsesTheShortestBigEndianForm(uint value, string hex)
    {
        var option = CoapOption.FromUInt(CoapOptionNumber.MaxAge, value);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(option.Value.Span), Is.EqualTo(hex));
            Assert.That(CoapOption.UIntLength(value), Is.EqualTo(hex.Length / 2));
            Assert.That(option.GetUInt(), Is.EqualTo(value));
            Assert.That(option.Number, Is.EqualTo(CoapOptionNumber.MaxAge));
        });
    }

    [TestCase("", 0u)]
    [TestCase("00", 0u)]
    [TestCase("0001", 1u)]
    [TestCase("000000ff", 255u)]
    [TestCase("12345678", 0x12345678u)]
    public void ReadUInt_LeadingZeros_AreAccepted(string hex, uint expected)
    {
        Assert.That(CoapOption.ReadUInt(Convert.FromHexString(hex)), Is.EqualTo(expected));
    }

    [Test]
    public void ReadUInt_FiveBytes_ThrowsFormatException()
    {
        var option = new CoapOption(CoapOptionNumber.MaxAge, new byte[5]);

        Assert.Throws<CoapFormatException>(() => option.GetUInt());
    }

    [Test]
    public void WriteUInt_FixedWidth_PadsWithZeros()
    {
        byte[] destination = new byte[4];

        CoapOption.WriteUInt(destination, 0x0800);

        Assert.That(destination, Is.EqualTo(new byte[] { 0, 0, 8, 0 }));
    }

    [Test]
    public void FromString_Text_IsUtf8()
    {
        var option = CoapOption.FromString(CoapOptionNumber.UriPath, "zürich");

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(option.Value.Span), Is.EqualTo("7ac3bc72696368"));
            Assert.That(option.GetString(), Is.EqualTo("zürich"));
        });
    }

    [Test]
    public void FromBytes_Source_IsCopied()
    {
        byte[] source = [1, 2, 3];

        var option = CoapOption.FromBytes(CoapOptionNumber.ETag, source);
        source[0] = 9;

        Assert.That(option.Value.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void Empty_HasNoValue()
    {
        var option = CoapOption.Empty(CoapOptionNumber.IfNoneMatch);

        Assert.Multiple(() =>
        {
            Assert.That(option.Value.IsEmpty, Is.True);
            Assert.That(option.GetUInt(), Is.Zero);
            Assert.That(option, Is.EqualTo(CoapOption.FromUInt(CoapOptionNumber.IfNoneMatch, 0)));
        });
    }

    [Test]
    public void Equality_ComparesNumberAndValueBytes()
    {
        var a = new CoapOption(11, new byte[] { 0x61 });
        var b = CoapOption.FromString(11, "a");

        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a != CoapOption.FromString(15, "a"), Is.True);
            Assert.That(a != CoapOption.FromString(11, "b"), Is.True);
            Assert.That(a.Equals((object)b), Is.True);
        });
    }

    [Test]
    public void ToString_KnownOption_ShowsNameAndDecodedValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CoapOption.FromString(CoapOptionNumber.UriPath, "time").ToString(), Is.EqualTo("Uri-Path:time"));
            Assert.That(CoapOption.FromUInt(CoapOptionNumber.ContentFormat, 10000).ToString(), Is.EqualTo("Content-Format:10000"));
            Assert.That(CoapOption.FromUInt(CoapOptionNumber.OcfAcceptContentFormatVersion, 2048).ToString(), Is.EqualTo("OCF-Accept-Content-Format-Version:2048"));
            Assert.That(CoapOption.FromBytes(CoapOptionNumber.ETag, [0xAB, 0x01]).ToString(), Is.EqualTo("ETag:AB01"));
            Assert.That(CoapOption.FromBytes(3000, [0x01]).ToString(), Is.EqualTo("3000:01"));
            Assert.That(new CoapOption(CoapOptionNumber.MaxAge, new byte[5]).ToString(), Is.EqualTo("Max-Age:0000000000"));
        });
    }
}
