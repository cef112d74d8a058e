using System.Text;
using Dps.Service.Http;
using Dps.Service.Payloads;

namespace Dps.Service.Tests.Http;

public class CborJsonTests
{
    [TestCase("bf616e6664657669636562696e9f01207f6161ff01ff62626344010203046174f5617af6ff", """{"n":"device","in":[1,-1,"a",1],"bc":"AQIDBA==","t":true,"z":null}""")]
    [TestCase("9fff", "[]")]
    public void ToJson_IndefiniteCbor_ConvertsEveryType(string hex, string expected)
    {
        Assert.That(Encoding.UTF8.GetString(CborJson.ToJson(Convert.FromHexString(hex))), Is.EqualTo(expected));
    }

    [TestCase("bf6161")]
    [TestCase("a0a0")]
    public void ToJson_Malformed_ThrowsPayloadFormatException(string hex)
    {
        Assert.That(() => CborJson.ToJson(Convert.FromHexString(hex)), Throws.TypeOf<PayloadFormatException>());
    }
}
