using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dps.Service.Configuration;
using Dps.Service.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Service.Tests.Fuzz;

/// <summary>Inputs the fuzzer found that escaped with an undocumented exception.</summary>
public sealed class FuzzFindingsTests
{
    [Test]
    public void Validate_HeaderWithInvalidUtf8String_ReturnsMalformed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var service = new AccessTokenService(key, new AccessTokenOptions { DeviceIdClaim = "di" }, new FakeTimeProvider());
        byte[] header = [.. "{\"alg\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var token = Base64Url.EncodeToString(header) + ".e30." + Base64Url.EncodeToString(new byte[64]);

        var result = service.Validate(token);

        Assert.That(result.Error, Is.EqualTo(AccessTokenError.Malformed));
    }

    // Minimised from mutated configs: YamlDotNet throws InvalidOperationException (scanner) and
    // ArgumentException (node loader) here instead of YamlException.
    [TestCase(": {\nt")]
    [TestCase(" : d")]
    public void Parse_MalformedYamlThatYamlDotNetDoesNotReportAsYamlException_ThrowsServiceConfigException(string yaml)
    {
        Assert.That(() => ServiceConfigLoader.Parse(yaml, "/nonexistent/dps-service.yaml"), Throws.TypeOf<ServiceConfigException>());
    }

    [TestCase("tls:\n  dps: {certFile: \"dps\\0.crt\", keyFile: dps.key}\n  hub: {certFile: hub.crt, keyFile: hub.key}\n")]
    public void Parse_PathWithNulCharacter_ThrowsServiceConfigException(string yaml)
    {
        Assert.That(() => ServiceConfigLoader.Parse(yaml, "/nonexistent/dps-service.yaml"), Throws.TypeOf<ServiceConfigException>());
    }
}
