using Dps.Coap.Framing;

namespace Dps.Coap.Tests.Model;

public sealed class CoapMessageBuilderTests
{
    [TestCase("/api/v1/provisioning/ownership", new[] { "api", "v1", "provisioning", "ownership" }, new string[0])]
    [TestCase("/oic/res?if=oic.if.ll&rt=oic.wk.d", new[] { "oic", "res" }, new[] { "if=oic.if.ll", "rt=oic.wk.d" })]
    [TestCase("oic/rd?rt=oic.wk.rdpub", new[] { "oic", "rd" }, new[] { "rt=oic.wk.rdpub" })]
    [TestCase("//a//b/", new[] { "a", "b" }, new string[0])]
    [TestCase("/", new string[0], new string[0])]
    [TestCase("", new string[0], new string[0])]
    [TestCase("?x=1", new string[0], new[] { "x=1" })]
    [TestCase("/a?", new[] { "a" }, new string[0])]
    [TestCase("/a?x&&y=", new[] { "a" }, new[] { "x", "y=" })]
    [TestCase("/a%20b/c%2Fd?k=%26v", new[] { "a b", "c/d" }, new[] { "k=&v" })]
    [TestCase("/a?u=/x?y", new[] { "a" }, new[] { "u=/x?y" })]
    public void SetPathAndQuery_SplitsIntoUriPathAndUriQuery(string pathAndQuery, string[] path, string[] query)
    {
        var message = new CoapMessageBuilder(CoapCode.Get).SetPathAndQuery(pathAndQuery).Build();

        Assert.Multiple(() =>
        {
            Assert.That(message.Options.GetStrings(CoapOptionNumber.UriPath), Is.EqualTo(path));
            Assert.That(message.UriQuery, Is.EqualTo(query));
            Assert.That(message.UriPath, Is.EqualTo("/" + string.Join('/', path)));
        });
    }

    [Test]
    public void SetPathAndQuery_Again_ReplacesPathAndQueryOnly()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/old/path?old=1")
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetPathAndQuery("/new?n=2")
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(message.UriPath, Is.EqualTo("/new"));
            Assert.That(message.UriQuery, Is.EqualTo(new[] { "n=2" }));
            Assert.That(message.Accept, Is.EqualTo(CoapContentFormat.OcfCbor));
        });
    }

    [Test]
    public void Build_OptionsAddedOutOfOrder_AreSortedAndRepeatsKeepTheirOrder()
    {
        var message = new CoapMessageBuilder(CoapCode.Post)
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.Accept, 60))
            .AddOption(CoapOption.FromString(CoapOptionNumber.UriPath, "a"))
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.OcfContentFormatVersion, 2048))
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.ContentFormat, 10000))
            .AddOption(CoapOption.FromString(CoapOptionNumber.UriQuery, "q1"))
            .AddOption(CoapOption.FromString(CoapOptionNumber.UriPath, "b"))
            .AddOption(CoapOption.FromString(CoapOptionNumber.UriQuery, "q0"))
            .AddOption(CoapOption.FromString(CoapOptionNumber.UriPath, "c"))
            .Build();

        var numbers = new List<int>();
        foreach (var option in message.Options)
        {
            numbers.Add(option.Number);
        }

        Assert.Multiple(() =>
        {
            Assert.That(numbers, Is.EqualTo(new[] { 11, 11, 11, 12, 15, 15, 17, 2053 }));
            Assert.That(message.UriPath, Is.EqualTo("/a/b/c"));
            Assert.That(message.UriQuery, Is.EqualTo(new[] { "q1", "q0" }));
            Assert.That(CoapTcpFramer.Decode(CoapTcpFramer.Encode(message)).UriQuery, Is.EqualTo(new[] { "q1", "q0" }));
        });
    }

    [Test]
    public void SetOption_RepeatedOption_ReplacesEveryOccurrence()
    {
        var message = new CoapMessageBuilder(CoapCode.Get)
            .AddOption(CoapOption.FromString(CoapOptionNumber.UriQuery, "a"))
            .AddOption(CoapOption.FromString(CoapOptionNumber.UriQuery, "b"))
            .SetOption(CoapOptionNumber.UriQuery, "c")
            .SetContentFormat(CoapContentFormat.Cbor)
            .SetContentFormat(CoapContentFormat.OcfCbor)
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(message.UriQuery, Is.EqualTo(new[] { "c" }));
            Assert.That(message.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(message.Options.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void RemoveOption_RemovesEveryOccurrence()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/a/b?x").RemoveOption(CoapOptionNumber.UriPath).Build();

        Assert.Multiple(() =>
        {
            Assert.That(message.UriPath, Is.EqualTo("/"));
            Assert.That(message.UriQuery, Is.EqualTo(new[] { "x" }));
        });
    }

    [Test]
    public void SetBlock_WritesTheBlockOptions()
    {
        var message = new CoapMessageBuilder(CoapCode.Content)
            .SetBlock2(new CoapBlockOption(1, true, 6))
            .SetBlock2(new CoapBlockOption(2, true, 6))
            .SetBlock1(new CoapBlockOption(0, false, CoapBlockOption.Bert))
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(message.Block2, Is.EqualTo(new CoapBlockOption(2, true, 6)));
            Assert.That(message.Block1, Is.EqualTo(new CoapBlockOption(0, false, 7)));
            Assert.That(message.Options.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void SetToken_NineBytes_Throws()
    {
        var builder = new CoapMessageBuilder(CoapCode.Get);

        Assert.Throws<ArgumentException>(() => builder.SetToken(new byte[9]));
    }

    [Test]
    public void SetPayload_WithContentFormat_SetsBoth()
    {
        byte[] payload = [0xA0];

        var builder = new CoapMessageBuilder(CoapCode.Content).SetToken(new byte[] { 7 }).SetPayload(payload, CoapContentFormat.OcfCbor);
        var message = builder.Build();

        Assert.Multiple(() =>
        {
            Assert.That(builder.Token.ToArray(), Is.EqualTo(new byte[] { 7 }));
            Assert.That(builder.Payload.ToArray(), Is.EqualTo(payload));
            Assert.That(message.Payload.ToArray(), Is.EqualTo(payload));
            Assert.That(message.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(message.Code, Is.EqualTo(CoapCode.Content));
        });
    }

    [Test]
    public void AddQuery_AppendsAfterExistingQueries()
    {
        var message = CoapMessage.Request(CoapCode.Get, "/oic/res?if=oic.if.ll").AddQuery("rt=oic.wk.d").Build();

        Assert.That(message.UriQuery, Is.EqualTo(new[] { "if=oic.if.ll", "rt=oic.wk.d" }));
    }
}
