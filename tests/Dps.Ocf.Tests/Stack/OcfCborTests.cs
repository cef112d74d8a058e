using System.Formats.Cbor;
using Dps.Ocf.Representation;

namespace Dps.Ocf.Tests.Stack;

public class OcfCborTests
{
    [Test]
    public void CreateWriter_IndefiniteStarts_EncodedDefinite()
    {
        var writer = OcfCbor.CreateWriter();
        writer.WriteStartMap(null);
        writer.WriteTextString("a");
        writer.WriteStartArray(null);
        writer.WriteInt32(1);
        writer.WriteEndArray();
        writer.WriteEndMap();

        Assert.That(Convert.ToHexString(writer.Encode()), Is.EqualTo("A161618101"));
    }

    [TestCase("A261610162627A02")]
    [TestCase("BF61610162627A02FF")]
    public void ReadMap_DefiniteOrIndefinite_SameProperties(string hex)
    {
        var seen = new List<string>();
        long a = 0;

        OcfCbor.ReadMap(Convert.FromHexString(hex), (key, reader) =>
        {
            seen.Add(key);
            if (key == "a")
            {
                a = reader.ReadInt64();
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { "a", "bz" }));
            Assert.That(a, Is.EqualTo(1));
        });
    }

    [Test]
    public void ReadMap_UntouchedValuesAndNonTextKeys_Skipped()
    {
        // {"x": [1, {"y": 2}], 7: "seven", "z": true}
        byte[] data = Convert.FromHexString("A361788201A16179020765736576656E617AF5");
        bool z = false;

        OcfCbor.ReadMap(data, (key, reader) =>
        {
            if (key == "z")
            {
                z = reader.ReadBoolean();
            }
        });

        Assert.That(z, Is.True);
    }

    [TestCase("A16161")]
    [TestCase("A1616101FF")]
    [TestCase("FF")]
    public void ReadMap_Malformed_CborContentException(string hex) =>
        Assert.That(() => OcfCbor.ReadMap(Convert.FromHexString(hex), (_, _) => { }), Throws.InstanceOf<CborContentException>().Or.InstanceOf<InvalidOperationException>());

    [Test]
    public void ReadTextStringArray_Indefinite_Items() =>
        Assert.That(OcfCbor.ReadTextStringArray(OcfCbor.CreateReader(Convert.FromHexString("9F6161626262FF"))), Is.EqualTo(new[] { "a", "bb" }));

    [Test]
    public void ToDefiniteLength_DeviceVector_KeepsKeyOrder()
    {
        var frame = Dps.Coap.Framing.CoapTcpFramer.Decode((ReadOnlyMemory<byte>)Convert.FromHexString(ResProbeVectors.DpsProbeResponse));

        byte[] definite = OcfCbor.ToDefiniteLength(frame.Payload);

        var link = CborTree.AsMap(CborTree.Array(definite).Single());
        Assert.Multiple(() =>
        {
            Assert.That(definite[0], Is.EqualTo(0x81));
            Assert.That(definite, Does.Not.Contain((byte)0xFF));
            Assert.That(link.Keys, Is.EqualTo(new[] { "anchor", "href", "rt", "if", "p", "eps" }));
        });
    }
}
