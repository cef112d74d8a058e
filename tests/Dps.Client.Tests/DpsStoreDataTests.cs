using System.Formats.Cbor;

namespace Dps.Client.Tests;

public class DpsStoreDataTests
{
    private const string Primary = "coaps+tcp://dps.example.com:15684";
    private const string Secondary = "coaps+tcp://dps2.example.com:15684";
    private const string Owner = "b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51";

    [Test]
    public void EncodeDecode_MultipleEndpoints_RoundTrips()
    {
        var store = new DpsStoreData { Owner = Owner, HasBeenProvisionedSinceReset = true };
        store.Endpoints.Add(Primary, "primary");
        store.Endpoints.Add(Secondary);
        var decoded = DpsStoreData.Decode(store.Encode());
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Endpoints.ToList(), Is.EqualTo(store.Endpoints.ToList()));
            Assert.That(decoded.Endpoints.Selected?.Uri, Is.EqualTo(Primary));
            Assert.That(decoded.Owner, Is.EqualTo(Owner));
            Assert.That(decoded.HasBeenProvisionedSinceReset, Is.True);
        });
    }

    [Test]
    public void Encode_ExampleOfSpec_HasDocumentedKeys()
    {
        var store = new DpsStoreData { Owner = Owner, HasBeenProvisionedSinceReset = true };
        store.Endpoints.Add(Primary, "primary");
        store.Endpoints.Add(Secondary);
        var reader = new CborReader(store.Encode());
        var keys = new List<string>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            keys.Add(reader.ReadTextString());
            reader.SkipValue();
        }
        Assert.That(keys, Is.EqualTo(new[] { "ep", "epname", "eps", "owner", "hasBeenProvisionedSinceReset" }));
    }

    [Test]
    public void Encode_SingleEndpoint_OmitsEps()
    {
        var store = new DpsStoreData();
        store.Endpoints.Add(Primary, "primary");
        Assert.That(Convert.ToHexString(store.Encode()), Does.Not.Contain(Convert.ToHexString("eps"u8)));
    }

    [Test]
    public void Encode_Empty_OnlyOwnerAndFlag()
    {
        // {"owner": "", "hasBeenProvisionedSinceReset": false}
        Assert.That(Convert.ToHexString(new DpsStoreData().Encode()),
            Is.EqualTo("A2656F776E657260781C6861734265656E50726F766973696F6E656453696E63655265736574F4"));
    }

    [Test]
    public void Decode_IndefiniteLengthsAndUnknownKeys_Tolerated()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(null);
        writer.WriteTextString("future");
        writer.WriteStartArray(null);
        writer.WriteInt32(1);
        writer.WriteEndArray();
        writer.WriteTextString("ep");
        writer.WriteTextString(Secondary);
        writer.WriteTextString("eps");
        writer.WriteStartArray(null);
        writer.WriteStartMap(null);
        writer.WriteTextString("uri");
        writer.WriteTextString(Primary);
        writer.WriteTextString("name");
        writer.WriteTextString("primary");
        writer.WriteTextString("extra");
        writer.WriteInt32(3);
        writer.WriteEndMap();
        writer.WriteStartMap(null);
        writer.WriteTextString("name");
        writer.WriteTextString("no uri");
        writer.WriteEndMap();
        writer.WriteStartMap(null);
        writer.WriteTextString("uri");
        writer.WriteTextString(Secondary);
        writer.WriteEndMap();
        writer.WriteEndArray();
        writer.WriteEndMap();
        var store = DpsStoreData.Decode(writer.Encode());
        Assert.Multiple(() =>
        {
            Assert.That(store.Endpoints.ToList(), Is.EqualTo(new[] { new DpsEndpoint(Secondary), new DpsEndpoint(Primary, "primary") }));
            Assert.That(store.Endpoints.Selected?.Uri, Is.EqualTo(Secondary));
            Assert.That(store.Owner, Is.Empty);
            Assert.That(store.HasBeenProvisionedSinceReset, Is.False);
        });
    }

    [Test]
    public void Decode_SelectedWithoutUri_OnlyListEntries()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteTextString("epname");
        writer.WriteTextString("lost");
        writer.WriteTextString("eps");
        writer.WriteStartArray(1);
        writer.WriteStartMap(1);
        writer.WriteTextString("uri");
        writer.WriteTextString(Primary);
        writer.WriteEndMap();
        writer.WriteEndArray();
        writer.WriteEndMap();
        var store = DpsStoreData.Decode(writer.Encode());
        Assert.That(store.Endpoints.ToList(), Is.EqualTo(new[] { new DpsEndpoint(Primary) }));
    }

    [TestCase("")]
    [TestCase("A1")]
    [TestCase("83010203")]
    [TestCase("A1626570F5")]
    [TestCase("A1656F776E657201")]
    [TestCase("A0FF")]
    [TestCase("A163657073A0")]
    public void Decode_Malformed_ThrowsDpsFormatException(string hex)
    {
        Assert.That(() => DpsStoreData.Decode(Convert.FromHexString(hex)), Throws.InstanceOf<DpsFormatException>());
    }
}
