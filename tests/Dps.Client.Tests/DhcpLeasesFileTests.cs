namespace Dps.Client.Tests;

public class DhcpLeasesFileTests
{
    private const string Leases = """
        lease {
          interface "eth0";
          fixed-address 192.168.1.20;
          option vendor-encapsulated-options c8:3:61:62:63;
          renew 4 2026/11/19 10:00:00;
        }
        lease {
          interface "eth0";
          option vendor-encapsulated-options "c8:3:78:79:7a";
          option vendor-encapsulated-options zz:01;
        }

        """;

    [Test]
    public void ReadVendorEncapsulatedOptions_LastUsableOccurrenceWins()
    {
        Assert.That(DhcpLeasesFile.ReadVendorEncapsulatedOptions(Leases), Is.EqualTo(new byte[] { 0xC8, 3, 0x78, 0x79, 0x7A }));
    }

    [Test]
    public void EnumerateValues_TrimsQuotesAndStopsAtTerminators()
    {
        Assert.That(DhcpLeasesFile.EnumerateValues(Leases), Is.EqualTo(new[] { "c8:3:61:62:63", "c8:3:78:79:7a", "zz:01" }));
    }

    [TestCase("option vendor-encapsulated-options 01:02,03;", "0102")]
    [TestCase("option vendor-encapsulated-options\t\"0a0b\"\n", "0A0B")]
    [TestCase("option vendor-encapsulated-options 0a0b", "0A0B")]
    [TestCase("option vendor-encapsulated-options 0a0b\r\n", "0A0B")]
    public void ReadVendorEncapsulatedOptions_Terminators(string text, string expected)
    {
        Assert.That(Convert.ToHexString(DhcpLeasesFile.ReadVendorEncapsulatedOptions(text)!), Is.EqualTo(expected));
    }

    [Test]
    public void ReadVendorEncapsulatedOptions_None_Null()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DhcpLeasesFile.ReadVendorEncapsulatedOptions("lease { }"), Is.Null);
            Assert.That(DhcpLeasesFile.ReadVendorEncapsulatedOptions("option vendor-encapsulated-options ;"), Is.Null);
        });
    }

    [Test]
    public void ReadVendorEncapsulatedOptions_TooLong_Skipped()
    {
        var tooLong = string.Concat(Enumerable.Repeat("ab", 513));
        var exact = string.Concat(Enumerable.Repeat("cd", 512));
        Assert.Multiple(() =>
        {
            Assert.That(DhcpLeasesFile.ReadVendorEncapsulatedOptions($"option vendor-encapsulated-options {tooLong};"), Is.Null);
            Assert.That(DhcpLeasesFile.ReadVendorEncapsulatedOptions($"option vendor-encapsulated-options {exact};"), Has.Length.EqualTo(512));
        });
    }
}
