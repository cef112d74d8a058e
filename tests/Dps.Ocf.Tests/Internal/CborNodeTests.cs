using Dps.Ocf.Internal;

namespace Dps.Ocf.Tests.Internal;

public sealed class CborNodeTests
{
    [Test]
    public void Parse_IndefiniteMapArrayAndStrings_ReadsValues()
    {
        // {_ "a": [_ 1, -2], "b": (_ "x", "y"), "c": (_ h'01', h'02'), "d": true, "e": null}
        byte[] data = Convert.FromHexString("BF61619F0121FF61627F61786179FF61635F41014102FF6164F56165F6FF");

        var node = CborNode.Parse(data);

        Assert.Multiple(() =>
        {
            Assert.That(node.IsMap, Is.True);
            Assert.That(node.Get("a")!.Items.Select(i => i.Integer), Is.EqualTo(new long[] { 1, -2 }));
            Assert.That(node.Get("b")!.Text, Is.EqualTo("xy"));
            Assert.That(node.Get("c")!.Bytes, Is.EqualTo(new byte[] { 1, 2 }));
            Assert.That(node.Get("d")!.Boolean, Is.True);
            Assert.That(node.Get("e")!.Kind, Is.EqualTo(CborNodeKind.Null));
        });
    }

    [TestCase("")]
    [TestCase("BF6161")]
    [TestCase("A2616101")]
    [TestCase("A1616101FF")]
    [TestCase("A16161")]
    [TestCase("1C")]
    public void Parse_Malformed_ThrowsOcfFormatException(string hex)
    {
        Assert.That(() => CborNode.Parse(Convert.FromHexString(hex)), Throws.TypeOf<OcfFormatException>());
    }

    [Test]
    public void Parse_DeepNesting_ThrowsOcfFormatException()
    {
        byte[] data = Enumerable.Repeat((byte)0x81, 100).Append((byte)0x01).ToArray();

        Assert.That(() => CborNode.Parse(data), Throws.TypeOf<OcfFormatException>());
    }

    [Test]
    public void ParseMap_Array_ThrowsOcfFormatException()
    {
        Assert.That(() => CborNode.ParseMap(new byte[] { 0x80 }), Throws.TypeOf<OcfFormatException>());
    }
}
