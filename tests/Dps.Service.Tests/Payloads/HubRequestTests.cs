using Dps.Service.Payloads;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Payloads;

public class HubRequestTests
{
    private const string DeviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";

    [Test]
    public void SignUpRequest_Golden_ReadsAllProperties()
    {
        var request = SignUpRequest.Parse(DevicePayloads.Bytes(DevicePayloads.SignUpRequest));

        Assert.That(request, Is.EqualTo(new SignUpRequest(DeviceId, "dps-at-1dde2c5da578fe91dfb9a5c474ecde71", "plgd", "device", null)));
    }

    [Test]
    public void SignUpRequest_LegacyAuthCode_IsUsedAsToken()
    {
        var request = SignUpRequest.Parse(TestCbor.Map(("di", "d"), ("authcode", "c")));

        Assert.That(request.AccessToken, Is.EqualTo("c"));
    }

    [Test]
    public void SignUpRequest_WrongShape_ThrowsWithReason()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SignUpRequest.Parse(TestCbor.Map()), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("di is missing"));
            Assert.That(() => SignUpRequest.Parse(TestCbor.Map(("di", "d"))), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("accesstoken is missing"));
            Assert.That(() => SignUpRequest.Parse(TestCbor.Map(("di", "d"), ("accesstoken", ""))), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("accesstoken is missing"));
            Assert.That(() => SignUpRequest.Parse(TestCbor.Map(("di", 1), ("accesstoken", "t"))), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("di: expected a text string"));
            Assert.That(() => SignUpRequest.Parse(Convert.FromHexString("a1626469")), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("malformed CBOR"));
            Assert.That(() => SignUpRequest.Parse(ReadOnlyMemory<byte>.Empty), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("empty"));
        });
    }

    [Test]
    public void SignInRequest_Golden_ReadsLogin()
    {
        var request = SignInRequest.Parse(DevicePayloads.Bytes(DevicePayloads.SignInRequest));

        Assert.That(request, Is.EqualTo(new SignInRequest("1", DeviceId, "hub-at-0114d7ec6c045afc34d33fef959e7587", true)));
    }

    [Test]
    public void SignInRequest_LoginFalse_IsSignOut()
    {
        var body = TestCbor.Map(("uid", "1"), ("di", "d"), ("accesstoken", "t"), ("login", false));

        Assert.That(SignInRequest.Parse(body).Login, Is.False);
    }

    [Test]
    public void SignInRequest_LoginNotBoolean_Throws()
    {
        var body = TestCbor.Map(("uid", "1"), ("di", "d"), ("accesstoken", "t"), ("login", 1));

        Assert.That(() => SignInRequest.Parse(body), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("login"));
    }

    [Test]
    public void SignInRequest_UidMissing_Throws()
    {
        var body = TestCbor.Map(("di", "d"), ("accesstoken", "t"));

        Assert.That(() => SignInRequest.Parse(body), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("uid is missing"));
    }

    [Test]
    public void TokenRefreshRequest_Golden_ReadsAllProperties()
    {
        var request = TokenRefreshRequest.Parse(DevicePayloads.Bytes(DevicePayloads.TokenRefreshRequest));

        Assert.That(request, Is.EqualTo(new TokenRefreshRequest("1", DeviceId, "hub-at-0114d7ec6c045afc34d33fef959e7587", "plgd", "refresh_token")));
    }

    [Test]
    public void TokenRefreshRequest_RefreshTokenMissing_Throws()
    {
        var body = TestCbor.Map(("uid", "1"), ("di", "d"));

        Assert.That(() => TokenRefreshRequest.Parse(body), Throws.TypeOf<PayloadFormatException>().With.Message.Contains("refreshtoken is missing"));
    }

    [Test]
    public void PublishRequest_Golden_ReadsFiveLinks()
    {
        var request = PublishRequest.Parse(DevicePayloads.Bytes(DevicePayloads.PublishRequest));

        Assert.Multiple(() =>
        {
            Assert.That(request.DeviceId, Is.EqualTo(DeviceId));
            Assert.That(request.Name, Is.EqualTo("anchor-dev"));
            Assert.That(request.TimeToLive, Is.Zero);
            Assert.That(request.Links.Select(l => l.Href), Is.EqualTo(new[] { "/oic/d", "/oic/p", "/light/1", "/switches", "/oc/con" }));
            Assert.That(request.Links[0].ResourceTypes, Is.EqualTo(new[] { "oic.d.cloudDevice", "oic.wk.d" }));
            Assert.That(request.Links[3].Interfaces, Is.EqualTo(new[] { "oic.if.ll", "oic.if.create", "oic.if.b", "oic.if.baseline" }));
            Assert.That(request.Links[0].Relation, Is.EqualTo("hosts"));
            Assert.That(request.Links[0].Instance, Is.EqualTo(3093913631L));
            Assert.That(request.Links[0].Bitmask, Is.EqualTo(3));
        });
    }

    [Test]
    public void PublishRequest_WithAssignedInstances_UsesCrc32OfHref()
    {
        var request = PublishRequest.Parse(DevicePayloads.Bytes(DevicePayloads.PublishRequest)).WithAssignedInstances();

        Assert.That(request.Links.Select(l => l.Instance), Is.EqualTo(new long?[] { 136750592, 318534269, 3810745338, 757679238, 2030491455 }));
    }

    [TestCase("/oic/d", "/oic/d")]
    [TestCase("oic/d", "/oic/d")]
    [TestCase("//oic//d/", "/oic/d")]
    [TestCase("/", "/")]
    [TestCase("", "/")]
    public void NormalizeHref_Input_MatchesGateway(string href, string expected)
    {
        Assert.That(ResourceLink.NormalizeHref(href), Is.EqualTo(expected));
    }

    private static readonly object[] s_oneLink = [TestCbor.M(("href", "/"))];

    private static IEnumerable<TestCaseData> WrongPublishBodies()
    {
        yield return new TestCaseData(TestCbor.Map(("ttl", 0), ("links", s_oneLink)), "di is missing");
        yield return new TestCaseData(TestCbor.Map(("di", "d"), ("ttl", 0), ("links", Array.Empty<object>())), "links is missing");
        yield return new TestCaseData(TestCbor.Map(("di", "d"), ("ttl", 0)), "links is missing");
        yield return new TestCaseData(TestCbor.Map(("di", "d"), ("ttl", -1), ("links", s_oneLink)), "ttl is negative");
        yield return new TestCaseData(TestCbor.Map(("di", "d"), ("links", s_oneLink)), "ttl is missing");
        yield return new TestCaseData(TestCbor.Map(("di", "d"), ("ttl", 0), ("links", new object[] { TestCbor.M(("rt", new object[] { "x" })) })), "links[0]: href is missing");
        yield return new TestCaseData(TestCbor.Map(("di", "d"), ("ttl", 0), ("links", new object[] { TestCbor.M(("href", "/a"), ("rt", "x")) })), "links[0].rt: expected an array");
        yield return new TestCaseData(TestCbor.Map(("di", "d"), ("ttl", 0), ("links", TestCbor.M(("href", "/a")))), "links: expected an array");
    }

    [TestCaseSource(nameof(WrongPublishBodies))]
    public void PublishRequest_WrongShape_ThrowsWithReason(byte[] body, string reason)
    {
        Assert.That(() => PublishRequest.Parse(body), Throws.TypeOf<PayloadFormatException>().With.Message.Contains(reason));
    }

    [Test]
    public void PublishRequest_LegacyLt_IsTimeToLive()
    {
        var body = TestCbor.Map(("di", "d"), ("lt", 5), ("links", s_oneLink));

        Assert.That(PublishRequest.Parse(body).TimeToLive, Is.EqualTo(5));
    }

    [Test]
    public void UnpublishQuery_DiAndInstances_Parsed()
    {
        var query = UnpublishQuery.Parse(["di=" + DeviceId, "ins=1", "ins=4294967295", "x=y"]);

        Assert.Multiple(() =>
        {
            Assert.That(query.DeviceId, Is.EqualTo(DeviceId));
            Assert.That(query.Instances, Is.EqualTo(new long[] { 1, 4294967295 }));
        });
    }

    [Test]
    public void UnpublishQuery_Empty_HasNothing()
    {
        var query = UnpublishQuery.Parse([]);

        Assert.Multiple(() =>
        {
            Assert.That(query.DeviceId, Is.Null);
            Assert.That(query.Instances, Is.Empty);
        });
    }

    [TestCase("ins=-1")]
    [TestCase("ins=abc")]
    [TestCase("ins=")]
    [TestCase("ins")]
    public void UnpublishQuery_BadInstance_Throws(string option)
    {
        Assert.That(() => UnpublishQuery.Parse(["di=x", option]), Throws.TypeOf<PayloadFormatException>());
    }

    [Test]
    public void UnpublishQuery_DiTwice_Throws()
    {
        Assert.That(() => UnpublishQuery.Parse(["di=a", "di=b"]), Throws.TypeOf<PayloadFormatException>());
    }
}
