using Dps.Client.Steps;
using Dps.Client.Tests.Context;
using Dps.Ocf;

namespace Dps.Client.Tests.Steps;

public sealed class DpsPayloadsTests
{
    [TestCase("2025-07-02T18:55:37.123456789Z", "2025-07-02T18:55:37.1234567+00:00")]
    [TestCase("2026-11-22T19:47:58.16988249Z", "2026-11-22T19:47:58.1698824+00:00")]
    [TestCase("2025-07-02T20:55:37+02:00", "2025-07-02T18:55:37+00:00")]
    [TestCase("2025-07-02T18:55:37.5-01:30", "2025-07-02T20:25:37.5+00:00")]
    public void TryParseRfc3339_ServerTimes_AreUtc(string text, string expected)
    {
        var parsed = DpsPayloads.TryParseRfc3339(text, out var time);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(time, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [TestCase("yesterday")]
    [TestCase("2025-07-02")]
    [TestCase("2025-07-02T18:55:37.Z")]
    [TestCase("")]
    public void TryParseRfc3339_NotATimestamp_IsFalse(string text)
    {
        Assert.That(DpsPayloads.TryParseRfc3339(text, out _), Is.False);
    }

    [Test]
    public void TryParseTime_ExtraKeys_AreIgnored()
    {
        var payload = TestDpsServer.Map(("other", 1), ("time", "2025-07-02T18:55:37Z"));

        Assert.That(DpsPayloads.TryParseTime(payload, out _), Is.True);
    }

    [Test]
    public void TryParseOwner_OnlyDevOwnerUuid_IsTheOwner()
    {
        var parsed = DpsPayloads.TryParseOwner(TestDpsServer.Map(("devowneruuid", TestDpsServer.Owner)), out var owner);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(owner, Is.EqualTo(OcfUuid.Parse(TestDpsServer.Owner)));
        });
    }

    [TestCase("extra")]
    [TestCase("missing")]
    [TestCase("number")]
    [TestCase("nil")]
    public void TryParseOwner_AnythingElse_IsFalse(string kind)
    {
        var payload = kind switch
        {
            "extra" => TestDpsServer.Map(("devowneruuid", TestDpsServer.Owner), ("redirecturi", "coaps+tcp://x:1")),
            "missing" => TestDpsServer.Map(("owner", TestDpsServer.Owner)),
            "number" => TestDpsServer.Map(("devowneruuid", 1)),
            _ => TestDpsServer.Map(("devowneruuid", "00000000-0000-0000-0000-000000000000")),
        };

        Assert.That(DpsPayloads.TryParseOwner(payload, out _), Is.False);
    }

    [TestCase(new byte[0])]
    [TestCase(new byte[] { 0xBF })]
    [TestCase(new byte[] { 0x80 })]
    [TestCase(new byte[] { 0xA1, 0x01, 0x02 })]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF })]
    public void Readers_MalformedCbor_FailWithoutThrowing(byte[] payload)
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsPayloads.TryParseTime(payload, out _), Is.False);
            Assert.That(DpsPayloads.TryParseOwner(payload, out _), Is.False);
            Assert.That(DpsPayloads.GetRedirectUri(payload), Is.Null);
            Assert.That(DpsPayloads.TryParseCloudConfiguration(payload, out var update), Is.EqualTo(DpsError.Response));
            Assert.That(update, Is.Null);
        });
    }

    [Test]
    public void TryParseCloudConfiguration_FullAnswer_GivesTheUpdate()
    {
        var payload = TestDpsServer.Map(
            ("apn", "plgd"),
            ("cis", TestDpsServer.HubUri),
            ("sid", TestDpsServer.HubId),
            ("at", "token"),
            ("x.org.iotivity.servers", new object[]
            {
                new (string, object)[] { ("uri", TestDpsServer.HubUri), ("id", TestDpsServer.HubId) },
                new (string, object)[] { ("id", TestDpsServer.HubId) },
                new (string, object)[] { ("uri", "coaps+tcp://b:1"), ("id", "bad") },
                new (string, object)[] { ("uri", "coaps+tcp://c:1") },
            }));

        var error = DpsPayloads.TryParseCloudConfiguration(payload, out var update);

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.EqualTo(DpsError.Ok));
            Assert.That(update!.CiServer, Is.EqualTo(TestDpsServer.HubUri));
            Assert.That(update.Sid, Is.EqualTo(OcfUuid.Parse(TestDpsServer.HubId)));
            Assert.That(update.AccessToken, Is.EqualTo("token"));
            Assert.That(update.AuthProvider, Is.EqualTo("plgd"));
            Assert.That(update.Servers.Select(s => s.Uri), Is.EqualTo(new[] { TestDpsServer.HubUri, "coaps+tcp://c:1" }));
        });
    }

    [TestCase("at", DpsError.Response)]
    [TestCase("apn", DpsError.Response)]
    [TestCase("cis", DpsError.Response)]
    [TestCase("sid", DpsError.Response)]
    public void TryParseCloudConfiguration_MissingKey_IsResponseError(string missing, DpsError expected)
    {
        var entries = new List<(string, object)> { ("apn", "plgd"), ("cis", TestDpsServer.HubUri), ("sid", TestDpsServer.HubId), ("at", "t") };
        entries.RemoveAll(e => e.Item1 == missing);

        Assert.That(DpsPayloads.TryParseCloudConfiguration(TestDpsServer.Map([.. entries]), out _), Is.EqualTo(expected));
    }

    [Test]
    public void TryParseCloudConfiguration_SidNotAUuid_IsSetCloudError()
    {
        var payload = TestDpsServer.Map(("apn", "plgd"), ("cis", TestDpsServer.HubUri), ("sid", "hub"), ("at", "t"));

        Assert.That(DpsPayloads.TryParseCloudConfiguration(payload, out _), Is.EqualTo(DpsError.SetCloud));
    }

    [Test]
    public void GetRedirectUri_StringRedirect_IsReturned()
    {
        Assert.That(DpsPayloads.GetRedirectUri(TestDpsServer.Map(("redirecturi", "coaps+tcp://b:1"), ("x", 1))), Is.EqualTo("coaps+tcp://b:1"));
    }
}
