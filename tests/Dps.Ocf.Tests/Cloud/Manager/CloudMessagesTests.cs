using Dps.Coap;
using Dps.Ocf.Cloud;
using Dps.Testing.Vectors;

namespace Dps.Ocf.Tests.Cloud.Manager;

public sealed class CloudMessagesTests
{
    private const string VectorDeviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";
    private const string VectorHubToken = "hub-at-0114d7ec6c045afc34d33fef959e7587";

    [Test]
    public void SignUp_VectorValues_SameMapAsCDevice()
    {
        var request = CloudMessages.SignUp(VectorDeviceId, string.Empty, "plgd", "dps-at-1dde2c5da578fe91dfb9a5c474ecde71");

        Assert.Multiple(() =>
        {
            Assert.That(CborTree.DecodeMap(request.Payload), Is.EqualTo(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.SignUpRequest))));
            Assert.That(request.UriPath, Is.EqualTo("/oic/sec/account"));
            AssertOcfBodyOptions(request);
        });
    }

    [Test]
    public void SignIn_VectorValues_SameMapAsCDevice()
    {
        var request = CloudMessages.Session("1", VectorDeviceId, VectorHubToken, login: true);

        Assert.Multiple(() =>
        {
            Assert.That(CborTree.DecodeMap(request.Payload), Is.EqualTo(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.SignInRequest))));
            Assert.That(request.UriPath, Is.EqualTo("/oic/sec/session"));
            AssertOcfBodyOptions(request);
        });
    }

    [Test]
    public void Refresh_VectorValues_SameMapAsCDevice()
    {
        var request = CloudMessages.Refresh("1", VectorDeviceId, "plgd", VectorHubToken);

        Assert.Multiple(() =>
        {
            Assert.That(CborTree.DecodeMap(request.Payload), Is.EqualTo(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.TokenRefreshRequest))));
            Assert.That(request.UriPath, Is.EqualTo("/oic/sec/tokenrefresh"));
            AssertOcfBodyOptions(request);
        });
    }

    [Test]
    public void Publish_VectorLinks_SameMapAsCDevice()
    {
        CloudPublishLink[] links =
        [
            new("/oic/d", ["oic.d.cloudDevice", "oic.wk.d"], ["oic.if.r", "oic.if.baseline"], 3),
            new("/oic/p", ["oic.wk.p"], ["oic.if.r", "oic.if.baseline"], 3),
            new("/light/1", ["core.light"], ["oic.if.rw", "oic.if.baseline"], 3 | CloudPublishLink.Secure),
            new("/switches", ["oic.wk.col"], ["oic.if.ll", "oic.if.create", "oic.if.b", "oic.if.baseline"], 3),
            new("/oc/con", ["oic.wk.con"], ["oic.if.rw", "oic.if.baseline"], 3 | CloudPublishLink.Periodic),
        ];
        long[] instances = [3093913631, 22134949, 742512070, 3661022418, 430550702];

        var request = CloudMessages.Publish(VectorDeviceId, "anchor-dev", 0, links, instances);

        Assert.Multiple(() =>
        {
            Assert.That(CborTree.DecodeMap(request.Payload), Is.EqualTo(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.PublishRequest))));
            Assert.That(request.UriPath, Is.EqualTo("/oic/rd"));
            Assert.That(request.UriQuery, Is.EqualTo(new[] { "rt=oic.wk.rdpub" }));
            AssertOcfBodyOptions(request);
        });
    }

    [Test]
    public void Deregister_WithToken_QueryHasUidDiAndToken()
    {
        var request = CloudMessages.Deregister("1", VectorDeviceId, "at-1");

        Assert.Multiple(() =>
        {
            Assert.That(request.Code, Is.EqualTo(CoapCode.Delete));
            Assert.That(request.UriPath, Is.EqualTo("/oic/sec/account"));
            Assert.That(request.UriQuery, Is.EqualTo(new[] { "uid=1", "di=" + VectorDeviceId, "accesstoken=at-1" }));
            Assert.That(request.Accept, Is.EqualTo(10000));
            Assert.That(request.Payload.IsEmpty, Is.True);
        });
    }

    [Test]
    public void TryParseSignUp_VectorResponse_ReadsTokensUidAndExpiry()
    {
        bool parsed = CloudMessages.TryParseSignUp(CborTree.Hex(DevicePayloads.SignUpResponse), out var answer, out _);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(answer.AccessToken, Is.EqualTo(VectorHubToken));
            Assert.That(answer.RefreshToken, Is.EqualTo(VectorHubToken));
            Assert.That(answer.Uid, Is.EqualTo("1"));
            Assert.That(answer.ExpiresIn, Is.EqualTo(3600));
            Assert.That(answer.RedirectUri, Is.Empty);
        });
    }

    private static IEnumerable<TestCaseData> InvalidSignUpAnswers()
    {
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("accesstoken", "a"), ("uid", "1"), ("expiresin", 3600)))).SetArgDisplayNames("no refreshtoken");
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("accesstoken", "a"), ("refreshtoken", "b"), ("uid", "1"), ("expiresin", "1")))).SetArgDisplayNames("expiresin is text");
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("accesstoken", ""), ("refreshtoken", "b"), ("uid", "1"), ("expiresin", 1)))).SetArgDisplayNames("empty accesstoken");
        yield return new TestCaseData(TestCbor.Encode(TestCbor.Map(("accesstoken", "a"), ("refreshtoken", "b"), ("expiresin", 1)))).SetArgDisplayNames("no uid");
        yield return new TestCaseData(new byte[] { 0xFF }).SetArgDisplayNames("not CBOR");
    }

    [TestCaseSource(nameof(InvalidSignUpAnswers))]
    public void TryParseSignUp_InvalidAnswer_False(byte[] payload)
    {
        Assert.That(CloudMessages.TryParseSignUp(payload, out _, out string reason), Is.False);
        Assert.That(reason, Is.Not.Empty);
    }

    [Test]
    public void TryParseSignUp_ValidIndefiniteAnswer_True()
    {
        var payload = TestCbor.Encode(TestCbor.Map(("accesstoken", "a"), ("refreshtoken", "b"), ("uid", "1"), ("expiresin", -1)), indefinite: true);

        Assert.That(CloudMessages.TryParseSignUp(payload, out var answer, out _), Is.True);
        Assert.That(answer.ExpiresIn, Is.EqualTo(-1));
    }

    [Test]
    public void TryParseSignIn_VectorResponse_ReadsExpiry()
    {
        Assert.That(CloudMessages.TryParseSignIn(CborTree.Hex(DevicePayloads.SignInResponse), out long expiresIn, out _), Is.True);
        Assert.That(expiresIn, Is.EqualTo(3600));
    }

    [Test]
    public void TryParseSignIn_EmptyMap_False()
    {
        Assert.That(CloudMessages.TryParseSignIn(new byte[] { 0xA0 }, out _, out _), Is.False);
    }

    [Test]
    public void TryParseRefresh_VectorResponse_ReadsTokens()
    {
        bool parsed = CloudMessages.TryParseRefresh(CborTree.Hex(DevicePayloads.TokenRefreshResponse), out var answer, out _);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(answer.AccessToken, Is.EqualTo("hub-at-57340f55ea41c9a6ab0b2a8597e0ac28"));
            Assert.That(answer.RefreshToken, Is.EqualTo("hub-at-57340f55ea41c9a6ab0b2a8597e0ac28"));
            Assert.That(answer.ExpiresIn, Is.EqualTo(3600));
        });
    }

    [Test]
    public void ParsePublishInstances_VectorResponse_InsByHref()
    {
        var instances = CloudMessages.ParsePublishInstances(CborTree.Hex(DevicePayloads.PublishResponse));

        Assert.That(instances, Is.EquivalentTo(new Dictionary<string, long>
        {
            ["/oic/d"] = 136750592,
            ["/oic/p"] = 318534269,
            ["/light/1"] = 3810745338,
            ["/switches"] = 757679238,
            ["/oc/con"] = 2030491455,
        }));
    }

    private static void AssertOcfBodyOptions(CoapMessage request)
    {
        Assert.That(request.Code, Is.EqualTo(CoapCode.Post));
        Assert.That(request.ContentFormat, Is.EqualTo(10000));
        Assert.That(request.Accept, Is.EqualTo(10000));
        Assert.That(request.Options.GetUInt(CoapOptionNumber.OcfContentFormatVersion), Is.EqualTo(2048));
        Assert.That(request.Options.GetUInt(CoapOptionNumber.OcfAcceptContentFormatVersion), Is.EqualTo(2048));
    }

    [Test]
    public void UnpublishBatches_ManyInstances_SplitIntoRequestsWithinTheQueryLimit()
    {
        const string di = "3f1e0b6c-2a65-4c3f-8f5a-5c2f3c5f0c11";
        var instances = Enumerable.Range(0, 100).Select(i => 4000000000L + i).ToList();

        var batches = CloudMessages.UnpublishBatches(di, instances, maxQueryBytes: 200);

        Assert.Multiple(() =>
        {
            Assert.That(batches, Has.Count.GreaterThan(1));
            Assert.That(batches.SelectMany(b => b.Instances), Is.EqualTo(instances), "every ins once, in order");
            foreach (var (request, carried) in batches)
            {
                Assert.That(request.Code, Is.EqualTo(CoapCode.Delete));
                Assert.That(request.UriPath, Is.EqualTo("/oic/rd"));
                Assert.That(request.UriQuery[0], Is.EqualTo("di=" + di));
                Assert.That(request.UriQuery.Skip(1), Is.EqualTo(carried.Select(i => "ins=" + i)));
                Assert.That(request.UriQuery.Sum(q => q.Length + 1), Is.LessThanOrEqualTo(200));
            }
            Assert.That(CloudMessages.UnpublishBatches(di, []), Is.Empty);
        });
    }
}
