using Dps.Service.Payloads;

namespace Dps.Service.Tests.Payloads;

public class LocalEndpointsResponseTests
{
    [Test]
    public void Parse_CDeviceAnswerWithEmptyEps_ReturnsNoEndpoints()
    {
        // The real device's answer (PROTOCOL §12.6), payload of vector 10.
        var payload = Convert.FromHexString("9fbf66616e63686f72782a6f63663a2f2f31363430393135662d643366302d343463652d353462622d3562666634643065643861376468726566662f6f69632f646272749f716f69632e642e636c6f7564446576696365686f69632e776b2e64ff6269669f686f69632e69662e726f6f69632e69662e626173656c696e65ff6170bf62626d03ff636570739fffffff");

        Assert.That(LocalEndpointsResponse.Parse(payload), Is.Empty);
    }

    [Test]
    public void Parse_FirstLinkWithEndpoints_ReturnsTheirEp()
    {
        var payload = TwoLinks();

        Assert.That(LocalEndpointsResponse.Parse(payload), Is.EqualTo(new[] { "coaps+tcp://192.168.1.5:42001", "coap://[fe80::1]:5683" }));
    }

    [TestCase("a0")]
    [TestCase("9f")]
    public void Parse_NotALinkArray_ThrowsPayloadFormatException(string hex)
    {
        Assert.That(() => LocalEndpointsResponse.Parse(Convert.FromHexString(hex)), Throws.TypeOf<PayloadFormatException>());
    }

    private static byte[] TwoLinks()
    {
        var writer = new System.Formats.Cbor.CborWriter();
        writer.WriteStartArray(2);
        writer.WriteStartMap(2);
        writer.WriteTextString("href");
        writer.WriteTextString("/oic/d");
        writer.WriteTextString("eps");
        writer.WriteStartArray(2);
        foreach (var ep in new[] { "coaps+tcp://192.168.1.5:42001", "coap://[fe80::1]:5683" })
        {
            writer.WriteStartMap(1);
            writer.WriteTextString("ep");
            writer.WriteTextString(ep);
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        writer.WriteStartMap(1);
        writer.WriteTextString("eps");
        writer.WriteStartArray(0);
        writer.WriteEndArray();
        writer.WriteEndMap();
        writer.WriteEndArray();
        return writer.Encode();
    }
}
