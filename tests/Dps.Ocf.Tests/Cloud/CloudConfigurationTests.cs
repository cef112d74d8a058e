using Dps.Ocf.Cloud;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Cloud;

public sealed class CloudConfigurationTests
{
    [Test]
    public void New_Defaults_MatchResetState()
    {
        var config = new CloudConfiguration();

        Assert.Multiple(() =>
        {
            Assert.That(config.CiServer, Is.EqualTo("coaps+tcp://127.0.0.1"));
            Assert.That(config.Sid.IsNil, Is.True);
            Assert.That(config.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Uninitialized));
            Assert.That(config.AccessToken, Is.Empty);
        });
    }

    [Test]
    public void Encode_ThenDecode_RoundTripsWithServers()
    {
        var config = new CloudConfiguration
        {
            CiServer = "coaps+tcp://hub.example.com:5684",
            Sid = OcfUuid.Parse(TestPki.HubUuid),
            Servers = [new CloudServer("coaps+tcp://hub.example.com:5684", OcfUuid.Parse(TestPki.HubUuid)), new CloudServer("coaps+tcp://hub2.example.com:5684", OcfUuid.Parse(TestPki.OwnerUuid))],
            AuthProvider = "plgd",
            Uid = "user",
            AccessToken = "at",
            RefreshToken = "rt",
            Status = 3,
            ProvisioningStatus = CloudProvisioningStatus.Registered,
            ExpiresIn = 3600,
        };

        var copy = CloudConfiguration.Decode(config.Encode());

        Assert.Multiple(() =>
        {
            Assert.That(copy.Encode(), Is.EqualTo(config.Encode()));
            Assert.That(copy.Servers, Is.EqualTo(config.Servers));
            Assert.That(copy.ExpiresIn, Is.EqualTo(3600));
        });
    }

    [Test]
    public void Encode_OneServer_OmitsServerList()
    {
        var config = new CloudConfiguration { Servers = [new CloudServer("coaps+tcp://a", OcfUuid.Nil)] };

        var root = Dps.Ocf.Internal.CborNode.Parse(config.Encode());

        Assert.That(root.Get("x.org.iotivity.servers"), Is.Null);
    }

    [Test]
    public void Decode_StoreWithEmptySidAndUnknownKey_Reads()
    {
        var data = Encode(Map(("ci_server", "coaps+tcp://x"), ("sid", ""), ("cps", 1), ("x", 1)), indefinite: true);

        var config = CloudConfiguration.Decode(data);

        Assert.Multiple(() =>
        {
            Assert.That(config.CiServer, Is.EqualTo("coaps+tcp://x"));
            Assert.That(config.Sid.IsNil, Is.True);
            Assert.That(config.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.ReadyToRegister));
        });
    }

    [TestCase("sid", "bad")]
    [TestCase("cps", "1")]
    [TestCase("ci_server", "1")]
    public void Decode_InvalidValue_ThrowsOcfFormatException(string key, string value)
    {
        object? v = value == "1" ? 1 : value;
        if (key == "cps")
        {
            v = 9;
        }

        Assert.That(() => CloudConfiguration.Decode(Encode(Map((key, v)))), Throws.TypeOf<OcfFormatException>());
    }

    [Test]
    public void Apply_Replace_ClearsTokensAndIsReadyToRegister()
    {
        var config = new CloudConfiguration { Uid = "u", RefreshToken = "r", ProvisioningStatus = CloudProvisioningStatus.Failed, Status = 3 };
        var payload = Encode(Map(("at", "token"), ("apn", "plgd"), ("cis", "coaps+tcp://hub"), ("sid", TestPki.HubUuid)), indefinite: true);

        var result = CloudConfResource.ParseUpdate(payload, config.ProvisioningStatus, out var update);
        config.Apply(update!);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(update!.IsReset, Is.False);
            Assert.That(config.CiServer, Is.EqualTo("coaps+tcp://hub"));
            Assert.That(config.AccessToken, Is.EqualTo("token"));
            Assert.That(config.AuthProvider, Is.EqualTo("plgd"));
            Assert.That(config.Uid, Is.Empty);
            Assert.That(config.RefreshToken, Is.Empty);
            Assert.That(config.Status, Is.Zero);
            Assert.That(config.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.ReadyToRegister));
            Assert.That(update.ToString(), Does.Not.Contain("token"));
        });
    }

    [TestCase(CloudProvisioningStatus.Registered)]
    [TestCase(CloudProvisioningStatus.Uninitialized)]
    public void Apply_EmptyCis_Resets(CloudProvisioningStatus current)
    {
        var config = new CloudConfiguration { CiServer = "coaps+tcp://hub", AccessToken = "t", ProvisioningStatus = current };

        var result = CloudConfResource.ParseUpdate(Encode(Map(("cis", ""))), current, out var update);
        config.Apply(update!);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(update!.IsReset, Is.True);
            Assert.That(config.CiServer, Is.EqualTo(CloudConfiguration.DefaultCiServer));
            Assert.That(config.AccessToken, Is.Empty);
        });
    }

    private static IEnumerable<TestCaseData> RejectedPosts()
    {
        const string sid = TestPki.HubUuid;
        yield return new TestCaseData(Map(("at", "t"), ("sid", sid)), CloudProvisioningStatus.Uninitialized).SetName("ParseUpdate_NoCis_Rejected");
        yield return new TestCaseData(Map(("cis", "coaps+tcp://h"), ("sid", sid)), CloudProvisioningStatus.Uninitialized).SetName("ParseUpdate_NoAt_Rejected");
        yield return new TestCaseData(Map(("cis", "coaps+tcp://h"), ("at", ""), ("sid", sid)), CloudProvisioningStatus.Uninitialized).SetName("ParseUpdate_EmptyAt_Rejected");
        yield return new TestCaseData(Map(("cis", "coaps+tcp://h"), ("at", "t")), CloudProvisioningStatus.Uninitialized).SetName("ParseUpdate_NoSid_Rejected");
        yield return new TestCaseData(Map(("cis", "coaps+tcp://h"), ("at", "t"), ("sid", "hub")), CloudProvisioningStatus.Uninitialized).SetName("ParseUpdate_SidNotUuid_Rejected");
        yield return new TestCaseData(Map(("cis", ""), ("cps", "registered")), CloudProvisioningStatus.Uninitialized).SetName("ParseUpdate_Cps_Rejected");
        yield return new TestCaseData(Map(("cis", "coaps+tcp://h"), ("at", "t"), ("sid", sid)), CloudProvisioningStatus.Registered).SetName("ParseUpdate_ReplaceWhileRegistered_Rejected");
        yield return new TestCaseData(Map(("cis", "coaps+tcp://h"), ("at", "t"), ("sid", sid)), CloudProvisioningStatus.Registering).SetName("ParseUpdate_ReplaceWhileRegistering_Rejected");
        yield return new TestCaseData(Map(("cis", 1)), CloudProvisioningStatus.Uninitialized).SetName("ParseUpdate_CisNotText_Rejected");
        yield return new TestCaseData(Map(("cis", "coaps+tcp://h"), ("at", "t"), ("sid", sid), ("x.org.iotivity.servers", Array(Map(("id", sid))))), CloudProvisioningStatus.Failed).SetName("ParseUpdate_ServerWithoutUri_Rejected");
    }

    [TestCaseSource(nameof(RejectedPosts))]
    public void ParseUpdate_Invalid_Rejected(List<KeyValuePair<string, object?>> payload, CloudProvisioningStatus current)
    {
        var result = CloudConfResource.ParseUpdate(Encode(payload), current, out var update);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(update, Is.Null);
        });
    }

    [Test]
    public void ParseUpdate_WithServers_KeepsList()
    {
        var payload = Map(("cis", "coaps+tcp://h"), ("at", "t"), ("sid", TestPki.HubUuid), ("x.org.iotivity.servers", Array(
            Map(("uri", "coaps+tcp://h"), ("id", TestPki.HubUuid)),
            Map(("uri", "coaps+tcp://h2"), ("id", TestPki.OwnerUuid)))));

        var result = CloudConfResource.ParseUpdate(Encode(payload, indefinite: true), CloudProvisioningStatus.Deregistering, out var update);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(update!.Servers.Select(s => s.Uri), Is.EqualTo(new[] { "coaps+tcp://h", "coaps+tcp://h2" }));
        });
    }

    [Test]
    public void Encode_Representation_MatchesProtocolExample()
    {
        var config = new CloudConfiguration
        {
            AuthProvider = "plgd",
            CiServer = "coaps+tcp://hub.example.com:5684",
            Sid = OcfUuid.Parse(TestPki.HubUuid),
            AccessToken = "secret",
            ProvisioningStatus = CloudProvisioningStatus.Registered,
        };
        byte[] expected = Encode(Map(
            ("rt", Array("oic.r.coapcloudconf")),
            ("if", Array("oic.if.rw", "oic.if.baseline")),
            ("apn", "plgd"),
            ("cis", "coaps+tcp://hub.example.com:5684"),
            ("sid", TestPki.HubUuid),
            ("clec", 0),
            ("cps", "registered")));

        byte[] actual = CloudConfResource.Encode(config, CloudError.None);

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Encode_NilSidWithoutBaseline_WritesEmptySid()
    {
        var root = Dps.Ocf.Internal.CborNode.Parse(CloudConfResource.Encode(new CloudConfiguration(), CloudError.ConnectError, includeBaseline: false));

        Assert.Multiple(() =>
        {
            Assert.That(root.Get("sid")!.Text, Is.Empty);
            Assert.That(root.Get("clec")!.Integer, Is.EqualTo(2));
            Assert.That(root.Get("cps")!.Text, Is.EqualTo("uninitialized"));
            Assert.That(root.Get("rt"), Is.Null);
            Assert.That(root.Get("at"), Is.Null);
        });
    }

    [TestCase("uninitialized", CloudProvisioningStatus.Uninitialized)]
    [TestCase("deregistering", CloudProvisioningStatus.Deregistering)]
    public void CloudNames_TryParse_RoundTrips(string text, CloudProvisioningStatus status)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CloudNames.TryParse(text, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(status));
            Assert.That(CloudNames.ToWireString(status), Is.EqualTo(text));
            Assert.That(CloudNames.TryParse("other", out _), Is.False);
        });
    }
}
