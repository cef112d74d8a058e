namespace Dps.Coap.Tests.Transport;

public sealed class CoapEndpointTests
{
    [TestCase("coaps+tcp://127.0.0.1:20030", "127.0.0.1", 20030, true)]
    [TestCase("coaps+tcp://127.0.0.1", "127.0.0.1", 5684, true)]
    [TestCase("coap+tcp://example.com", "example.com", 5683, false)]
    [TestCase("COAPS+TCP://try.plgd.cloud:15684/path?q=1", "try.plgd.cloud", 15684, true)]
    [TestCase("coaps+tcp://[::1]:5684", "::1", 5684, true)]
    [TestCase("coap+tcp://[fe80::1%25eth0]", "fe80::1%25eth0", 5683, false)]
    public void Parse_ValidUri_GivesHostPortAndScheme(string uri, string host, int port, bool secure)
    {
        var endpoint = CoapEndpoint.Parse(uri);

        Assert.That(endpoint, Is.EqualTo(new CoapEndpoint(host, port, secure)));
    }

    [TestCase("")]
    [TestCase("127.0.0.1:5684")]
    [TestCase("coap://127.0.0.1")]
    [TestCase("https://127.0.0.1")]
    [TestCase("coaps+tcp://")]
    [TestCase("coaps+tcp://host:0")]
    [TestCase("coaps+tcp://host:65536")]
    [TestCase("coaps+tcp://host:12ab")]
    [TestCase("coaps+tcp://[::1")]
    public void TryParse_InvalidUri_FailsWithReason(string uri)
    {
        bool parsed = CoapEndpoint.TryParse(uri, out var endpoint, out string? error);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(endpoint, Is.Null);
            Assert.That(error, Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public void ToString_Ipv6Host_IsBracketed()
    {
        Assert.That(new CoapEndpoint("::1", 5684, true).ToString(), Is.EqualTo("coaps+tcp://[::1]:5684"));
    }
}
