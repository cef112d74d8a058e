using System.Text;

namespace Dps.Ocf.Tests;

public sealed class OcfUuidTests
{
    [TestCase("1640915F-D3F0-44CE-54BB-5BFF4D0ED8A7", "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7")]
    [TestCase("b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51", "b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51")]
    [TestCase("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000")]
    [TestCase("ffffffff-ffff-ffff-ffff-ffffffffffff", "ffffffff-ffff-ffff-ffff-ffffffffffff")]
    public void Parse_AnyHexForm_FormatsLowerCaseCanonical(string text, string expected)
    {
        var uuid = OcfUuid.Parse(text);

        Assert.That(uuid.ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("*")]
    [TestCase("1640915f-d3f0-44ce-54bb-5bff4d0ed8a")]
    [TestCase("1640915fd3f044ce54bb5bff4d0ed8a7")]
    [TestCase("{1640915f-d3f0-44ce-54bb-5bff4d0ed8a7}")]
    [TestCase("1640915f-d3f0-44ce-54bb_5bff4d0ed8a7")]
    [TestCase("1640915g-d3f0-44ce-54bb-5bff4d0ed8a7")]
    [TestCase("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7 ")]
    public void TryParse_NotAUuid_ReturnsFalse(string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(OcfUuid.TryParse(text, out _), Is.False);
            Assert.That(() => OcfUuid.Parse(text), Throws.TypeOf<FormatException>());
        });
    }

    [Test]
    public void TryParseSubject_Star_ReturnsWildcard()
    {
        bool parsed = OcfUuid.TryParseSubject("*", out var uuid);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(uuid.IsWildcard, Is.True);
            Assert.That(uuid.ToString(), Is.EqualTo("*"));
            Assert.That(uuid.IsNil, Is.False);
        });
    }

    [Test]
    public void Bytes_RoundTrip_KeepsValue()
    {
        var uuid = OcfUuid.Parse("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7");

        var copy = new OcfUuid(uuid.ToByteArray());

        Assert.Multiple(() =>
        {
            Assert.That(copy, Is.EqualTo(uuid));
            Assert.That(copy == uuid, Is.True);
            Assert.That(copy.GetHashCode(), Is.EqualTo(uuid.GetHashCode()));
            Assert.That(uuid.ToByteArray()[0], Is.EqualTo(0x16));
        });
    }

    // Vectors from Python's uuid.uuid5.
    [TestCase("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org", "886313e1-3b8a-5372-9b90-0c9aee199e5d")]
    [TestCase("6ba7b811-9dad-11d1-80b4-00c04fd430c8", "1", "b80c8fef-a677-5340-85fb-2c162d75df03")]
    public void CreateVersion5_KnownVector_Matches(string ns, string name, string expected)
    {
        var uuid = OcfUuid.CreateVersion5(OcfUuid.Parse(ns), Encoding.UTF8.GetBytes(name));

        Assert.That(uuid.ToString(), Is.EqualTo(expected));
    }

    [TestCase("1", "b80c8fef-a677-5340-85fb-2c162d75df03")]
    [TestCase("B6C5A0EC-8A6A-5D1F-9E8C-3C1C3B6A2F51", "b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51")]
    public void FromOwnerString_OwnerText_GivesOwnerUuid(string owner, string expected)
    {
        Assert.That(OcfUuid.FromOwnerString(owner).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void FromOwnerString_NilUuid_IsHashed()
    {
        var uuid = OcfUuid.FromOwnerString("00000000-0000-0000-0000-000000000000");

        Assert.That(uuid, Is.EqualTo(OcfUuid.CreateVersion5(OcfUuid.NamespaceUrl, Encoding.UTF8.GetBytes("00000000-0000-0000-0000-000000000000"))));
    }
}
