using System.Formats.Cbor;
using Dps.Service.Faults;

namespace Dps.Service.Tests.Faults;

public class FaultBodyTests
{
    private static readonly byte[] s_body = Map(("at", "token"), ("apn", "plgd"), ("cis", "coaps+tcp://127.0.0.1:1"));

    [Test]
    public void Apply_ExtraKeys_KeepsEveryKeyAndAddsUnknownOnes()
    {
        var altered = FaultBody.Apply(s_body, Rule("cloud-configuration", "extra-keys").Fault);

        Assert.That(Keys(altered), Is.EqualTo(new[] { "at", "apn", "cis" }.Concat(FaultBody.ExtraKeys)));
    }

    [Test]
    public void Apply_MissingKeys_DropsTheFirstKey()
    {
        var altered = FaultBody.Apply(s_body, Rule("cloud-configuration", "missing-keys").Fault);

        Assert.That(Keys(altered), Is.EqualTo(new[] { "apn", "cis" }));
    }

    [Test]
    public void Apply_RedirectUri_AddsTheKey()
    {
        var fault = FaultRule.FromFields(new Dictionary<string, string?> { ["step"] = "acls", ["kind"] = "redirect-uri", ["redirectUri"] = "coaps+tcp://127.0.0.1:2" }, "f").Fault;

        var altered = FaultBody.Apply(s_body, fault);

        Assert.That(Keys(altered), Does.Contain("redirecturi"));
    }

    [Test]
    public void Apply_NotACborMap_BodyUnchanged()
    {
        byte[] body = [0xBF, 0x61, 0x61];

        Assert.That(FaultBody.Apply(body, Rule("acls", "extra-keys").Fault), Is.SameAs(body));
    }

    [TestCase("no-response", "time", nameof(FaultKind.NoResponse))]
    [TestCase("extra-keys", "acls", nameof(FaultKind.ExtraKeys))]
    [TestCase("missing-keys", "ownership", nameof(FaultKind.MissingKeys))]
    [TestCase("foreign-key-certificate", "credentials", nameof(FaultKind.ForeignKeyCertificate))]
    [TestCase("expired-certificate", "credentials", nameof(FaultKind.ExpiredCertificate))]
    [TestCase("no-response", "hub-signin", nameof(FaultKind.NoResponse))]
    public void FromFields_NewKind_ParsedAndNamedBack(string kind, string step, string expected)
    {
        var rule = Rule(step, kind);

        Assert.Multiple(() =>
        {
            Assert.That(rule.Fault.Kind.ToString(), Is.EqualTo(expected));
            Assert.That(FaultRule.KindName(rule.Fault.Kind), Is.EqualTo(kind));
        });
    }

    [TestCase("foreign-key-certificate", "acls")]
    [TestCase("expired-certificate", "time")]
    [TestCase("extra-keys", "hub-signup")]
    public void FromFields_KindOnWrongStep_Throws(string kind, string step)
    {
        Assert.That(() => Rule(step, kind), Throws.TypeOf<FaultRuleFormatException>());
    }

    private static FaultRule Rule(string step, string kind) =>
        FaultRule.FromFields(new Dictionary<string, string?> { ["step"] = step, ["kind"] = kind }, "f");

    private static byte[] Map(params (string Key, string Value)[] entries)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(entries.Length);
        foreach (var (key, value) in entries)
        {
            writer.WriteTextString(key);
            writer.WriteTextString(value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    private static List<string> Keys(byte[] body)
    {
        var reader = new CborReader(body);
        var keys = new List<string>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            keys.Add(reader.ReadTextString());
            reader.SkipValue();
        }

        return keys;
    }
}
