using Dps.Ocf.Provisioning;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Provisioning;

public sealed class DpsStoreRecordTests
{
    /// <summary>The example of PROTOCOL §4.1.</summary>
    private static List<KeyValuePair<string, object?>> Example() => Map(
        ("ep", "coaps+tcp://dps.example.com:15684"),
        ("epname", "primary"),
        ("eps", Array(
            Map(("uri", "coaps+tcp://dps.example.com:15684"), ("name", "primary")),
            Map(("uri", "coaps+tcp://dps2.example.com:15684"), ("name", "")))),
        ("owner", TestPki.OwnerUuid),
        ("hasBeenProvisionedSinceReset", true));

    [TestCase(false)]
    [TestCase(true)]
    public void Decode_ProtocolExample_ReadsEverything(bool indefinite)
    {
        var record = DpsStoreRecord.Decode(Encode(Example(), indefinite));

        Assert.Multiple(() =>
        {
            Assert.That(record.SelectedEndpoint, Is.EqualTo(new DpsEndpoint("coaps+tcp://dps.example.com:15684", "primary")));
            Assert.That(record.Endpoints.Select(e => e.Uri), Is.EqualTo(new[] { "coaps+tcp://dps.example.com:15684", "coaps+tcp://dps2.example.com:15684" }));
            Assert.That(record.Owner, Is.EqualTo(TestPki.OwnerUuid));
            Assert.That(record.HasBeenProvisionedSinceReset, Is.True);
        });
    }

    [Test]
    public void Encode_ProtocolExample_RoundTripsExactly()
    {
        byte[] example = Encode(Example());

        byte[] encoded = DpsStoreRecord.Decode(example).Encode();

        Assert.That(encoded, Is.EqualTo(example));
    }

    [Test]
    public void Encode_SingleEndpoint_OmitsList()
    {
        var record = new DpsStoreRecord { SelectedEndpoint = new DpsEndpoint("coaps+tcp://a", "") };
        record.Endpoints = [record.SelectedEndpoint];

        var root = Dps.Ocf.Internal.CborNode.Parse(record.Encode());

        Assert.Multiple(() =>
        {
            Assert.That(root.Get("eps"), Is.Null);
            Assert.That(root.Get("ep")!.Text, Is.EqualTo("coaps+tcp://a"));
            Assert.That(root.Get("owner")!.Text, Is.Empty);
            Assert.That(DpsStoreRecord.Decode(record.Encode()).Endpoints, Is.EqualTo(record.Endpoints));
        });
    }

    [Test]
    public void Decode_UnknownKeyAndEntriesWithoutUri_LoggedAndSkipped()
    {
        var logger = new ListLogger<DpsStoreRecordTests>();
        var data = Encode(Map(
            ("eps", Array(Map(("name", "no uri")), Map(("uri", "coaps+tcp://b")), Map(("uri", "coaps+tcp://b"), ("name", "dup")))),
            ("future", 1)), indefinite: true);

        var record = DpsStoreRecord.Decode(data, logger);

        Assert.Multiple(() =>
        {
            Assert.That(record.SelectedEndpoint, Is.Null);
            Assert.That(record.Endpoints, Is.EqualTo(new[] { new DpsEndpoint("coaps+tcp://b", "") }));
            Assert.That(logger.Entries.Single().Message, Does.Contain("future"));
        });
    }

    [Test]
    public void Decode_Empty_HasNoEndpoints()
    {
        var record = DpsStoreRecord.Decode(Encode(Map(("ep", ""), ("owner", ""))));

        Assert.Multiple(() =>
        {
            Assert.That(record.SelectedEndpoint, Is.Null);
            Assert.That(record.Endpoints, Is.Empty);
            Assert.That(record.HasBeenProvisionedSinceReset, Is.False);
        });
    }

    [TestCase("owner")]
    [TestCase("hasBeenProvisionedSinceReset")]
    [TestCase("eps")]
    public void Decode_WrongType_ThrowsOcfFormatException(string key)
    {
        Assert.That(() => DpsStoreRecord.Decode(Encode(Map((key, 1)))), Throws.TypeOf<OcfFormatException>());
    }
}
