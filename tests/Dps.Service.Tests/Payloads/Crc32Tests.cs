using System.Text;
using Dps.Service.Payloads;

namespace Dps.Service.Tests.Payloads;

public class Crc32Tests
{
    // Values from the golden publish response (hub assigns ins = CRC-32 IEEE of href) and the
    // classic check value of "123456789".
    [TestCase("/oic/d", 136750592u)]
    [TestCase("/oic/p", 318534269u)]
    [TestCase("/light/1", 3810745338u)]
    [TestCase("/switches", 757679238u)]
    [TestCase("/oc/con", 2030491455u)]
    [TestCase("123456789", 0xCBF43926u)]
    [TestCase("", 0u)]
    public void Compute_KnownInput_ReturnsIeeeChecksum(string text, uint expected)
    {
        Assert.That(Crc32.Compute(Encoding.UTF8.GetBytes(text)), Is.EqualTo(expected));
    }
}
