using System.Net;
using Dps.Coap;
using Dps.Service.Configuration;
using Dps.Service.Faults;

namespace Dps.Service.Tests.Configuration;

public class ServiceConfigLoaderTests
{
    private ConfigDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new ConfigDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Load_ValidFile_ReadsEverything()
    {
        File.WriteAllText(_dir.ConfigFile, ConfigDirectory.ValidYaml);

        var config = ServiceConfigLoader.Load(_dir.ConfigFile);
        var group = config.EnrollmentGroups.Single();
        var hub = group.Hubs.Single();

        Assert.Multiple(() =>
        {
            Assert.That(config.DpsAddress, Is.EqualTo(new IPEndPoint(IPAddress.Loopback, 0)));
            Assert.That(config.HubAddress, Is.EqualTo(new IPEndPoint(IPAddress.IPv6Loopback, 20041)));
            Assert.That(config.HttpAddress, Is.EqualTo(ServiceConfig.DefaultHttpAddress));
            Assert.That(config.DpsTls, Is.EqualTo(new TlsFiles(_dir.File_("dps.crt"), _dir.File_("dps.key"))));
            Assert.That(config.HubTls.CertificateFile, Is.EqualTo(_dir.File_("hub.crt")));
            Assert.That(config.Tokens.SigningKeyFile, Is.EqualTo(_dir.File_("keys/token.key")));
            Assert.That(config.Tokens.Issuer, Is.EqualTo("https://dps.test"));
            Assert.That(config.Tokens.DpsTokenLifetime, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(config.Tokens.HubTokenLifetime, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(config.Certificates.Validity, Is.EqualTo(TimeSpan.FromHours(24)));
            Assert.That(config.Certificates.Backdate, Is.EqualTo(TimeSpan.Zero));
            Assert.That(config.DatabaseFile, Is.EqualTo(_dir.File_("dps-service.db")));

            Assert.That(group.Id, Is.EqualTo(new Guid("5db6ccde-05e1-480b-a522-c1591ad7dfd2")));
            Assert.That(group.Owner, Is.EqualTo("1"));
            Assert.That(group.OwnerUuid, Is.EqualTo(new Guid("b80c8fef-a677-5340-85fb-2c162d75df03")));
            Assert.That(group.Name, Is.EqualTo("5db6ccde-05e1-480b-a522-c1591ad7dfd2"));
            Assert.That(group.CertificateChainPem, Is.EqualTo(_dir.ManufacturerCaPem));
            Assert.That(group.LeadCertificateName, Is.EqualTo("Example Manufacturer CA"));
            Assert.That(group.ExpiredCertificateEnabled, Is.False);
            Assert.That(group.PreSharedKey!.Value.ToArray(), Is.EqualTo("0123456789abcdef0123"u8.ToArray()));

            Assert.That(hub.Id, Is.EqualTo(new Guid("5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b")));
            Assert.That(hub.HubId, Is.EqualTo(hub.Id));
            Assert.That(hub.Gateways, Is.EqualTo(new[] { "coaps+tcp://127.0.0.1:20040", "coap+tcp://[::1]:20040" }));
            Assert.That(hub.CertificateAuthority, Is.EqualTo(new TlsFiles(_dir.File_("ca.crt"), _dir.File_("ca.key"))));
            Assert.That(hub.CaPoolFile, Is.Null);
            Assert.That(hub.OwnerClaim, Is.EqualTo("https://plgd.dev/owner"));
            Assert.That(hub.DeviceIdClaim, Is.Null);
            Assert.That(hub.ProviderName, Is.EqualTo("plgd"));

            Assert.That(config.Faults, Is.EqualTo(new[] { FaultRule.Respond(FaultStep.Credentials, CoapCode.ServiceUnavailable, 3) }));
        });
    }

    [Test]
    public void HubGatewayOptions_FromConfig_UsesFirstHubClaimsAndHubLifetime()
    {
        var yaml = ConfigDirectory.ValidYaml.Replace("  dpsTokenLifetime: 30m", "  dpsTokenLifetime: 30m\n  hubTokenLifetime: 2h", StringComparison.Ordinal);

        var options = Dps.Service.Hub.HubGatewayOptions.FromConfig(ServiceConfigLoader.Parse(yaml, _dir.ConfigFile));

        Assert.That(options, Is.EqualTo(new Dps.Service.Hub.HubGatewayOptions { OwnerClaim = "https://plgd.dev/owner", TokenLifetime = TimeSpan.FromHours(2) }));
    }

    [Test]
    public void Parse_DataUriChainAndLegacyHub_Accepted()
    {
        var data = "data:;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_dir.ManufacturerCaPem));
        var yaml = $$"""
            tls:
              dps: {certFile: dps.crt, keyFile: dps.key}
              hub: {certFile: hub.crt, keyFile: hub.key}
            enrollmentGroups:
              - id: 5db6ccde-05e1-480b-a522-c1591ad7dfd2
                owner: 7f1c7a4e-5a1b-4c61-9b7e-1b7a9a7c1111
                name: fleet
                attestationMechanism:
                  x509: {certificateChain: "{{data}}", leadCertificateName: Other, expiredCertificateEnabled: true}
                hub:
                  id: 11111111-2222-3333-4444-555555555555
                  hubID: 5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b
                  coapGateway: hub.example.com:5684
                  caPool: ca.crt
                  certificateAuthority: {certFile: ca.crt, keyFile: ca.key}
                  authorization: {deviceIDClaim: https://plgd.dev/deviceId}
            """;

        var config = ServiceConfigLoader.Parse(yaml, _dir.ConfigFile);
        var group = config.EnrollmentGroups[0];
        var hub = group.Hubs[0];

        Assert.Multiple(() =>
        {
            Assert.That(config.DpsAddress, Is.EqualTo(ServiceConfig.DefaultDpsAddress));
            Assert.That(config.Tokens.SigningKeyFile, Is.EqualTo(_dir.File_("token-signing.key")));
            Assert.That(config.Faults, Is.Empty);
            Assert.That(group.Name, Is.EqualTo("fleet"));
            Assert.That(group.OwnerUuid, Is.EqualTo(new Guid("7f1c7a4e-5a1b-4c61-9b7e-1b7a9a7c1111")));
            Assert.That(group.LeadCertificateName, Is.EqualTo("Other"));
            Assert.That(group.ExpiredCertificateEnabled, Is.True);
            Assert.That(group.PreSharedKey, Is.Null);
            Assert.That(group.CertificateChainPem, Is.EqualTo(_dir.ManufacturerCaPem));
            Assert.That(hub.Id, Is.Not.EqualTo(hub.HubId));
            Assert.That(hub.Gateways, Is.EqualTo(new[] { "coaps+tcp://hub.example.com:5684" }));
            Assert.That(hub.CaPoolFile, Is.EqualTo(_dir.File_("ca.crt")));
            Assert.That(hub.OwnerClaim, Is.EqualTo("sub"));
            Assert.That(hub.DeviceIdClaim, Is.EqualTo("https://plgd.dev/deviceId"));
        });
    }

    private static IEnumerable<TestCaseData> InvalidEdits()
    {
        TestCaseData Case(string find, string replace, string keyPath, string reason) =>
            new TestCaseData(find, replace, keyPath, reason).SetName($"Parse_{keyPath}_{reason}");

        yield return Case("owner: \"1\"", "owner: \"\"", "enrollmentGroups[0].owner", "is required");
        yield return Case("owner: \"1\"", "ownr: \"1\"", "enrollmentGroups[0].ownr", "unknown key");
        yield return Case("id: 5db6ccde-05e1-480b-a522-c1591ad7dfd2", "id: 42", "enrollmentGroups[0].id", "'42' is not a non-nil UUID");
        yield return Case("id: 5db6ccde-05e1-480b-a522-c1591ad7dfd2", "id: 00000000-0000-0000-0000-000000000000", "enrollmentGroups[0].id", "is not a non-nil UUID");
        yield return Case("certificateChain: mfgca.pem", "certificateChain: missing.pem", "enrollmentGroups[0].attestationMechanism.x509.certificateChain", "does not exist");
        yield return Case("certificateChain: mfgca.pem", "certificateChain: psk.bin", "enrollmentGroups[0].attestationMechanism.x509.certificateChain", "contains no PEM certificate");
        yield return Case("certificateChain: mfgca.pem", "certificateChain: \"data:;base64,!!\"", "enrollmentGroups[0].attestationMechanism.x509.certificateChain", "not valid base64");
        yield return Case("certificateChain: mfgca.pem", "certificateChain: \"data:text/plain,x\"", "enrollmentGroups[0].attestationMechanism.x509.certificateChain", "only 'data:;base64,'");
        yield return Case("    preSharedKeyFile: psk.bin", "    preSharedKeyFile: \"data:;base64,AAAA\"", "enrollmentGroups[0].preSharedKeyFile", "has 3 bytes; at least 16");
        yield return Case("      - hubID: 5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b\n", "      - \n", "enrollmentGroups[0].hubs[0].hubID", "is required (or id)");
        yield return Case("gateways: [127.0.0.1:20040, \"coaps+tcp://127.0.0.1:20040\", \"coap+tcp://[::1]:20040\"]", "gateways: [\"https://h:1\"]", "enrollmentGroups[0].hubs[0].gateways[0]", "scheme 'https'");
        yield return Case("gateways: [127.0.0.1:20040, \"coaps+tcp://127.0.0.1:20040\", \"coap+tcp://[::1]:20040\"]", "gateways: []", "enrollmentGroups[0].hubs[0].gateways", "at least one gateway");
        yield return Case("gateways: [127.0.0.1:20040, \"coaps+tcp://127.0.0.1:20040\", \"coap+tcp://[::1]:20040\"]", "gateways: {a: b}", "enrollmentGroups[0].hubs[0].gateways", "expected a list");
        yield return Case("certificateAuthority: {certFile: ca.crt, keyFile: ca.key}", "certificateAuthority: {certFile: ca.crt}", "enrollmentGroups[0].hubs[0].certificateAuthority.keyFile", "is required");
        yield return Case("provider: {name: plgd}", "provider: {nam: plgd}", "enrollmentGroups[0].hubs[0].authorization.provider.nam", "unknown key");
        yield return Case("  dps: 127.0.0.1:0", "  dps: 127.0.0.1", "listen.dps", "is not an address");
        yield return Case("  dps: 127.0.0.1:0", "  dps: somewhere:80", "listen.dps", "is not an address");
        yield return Case("  dps: {certFile: dps.crt, keyFile: dps.key}", "  dps: {certFile: nope.crt, keyFile: dps.key}", "tls.dps.certFile", "does not exist");
        yield return Case("  hub: {certFile: hub.crt, keyFile: hub.key}\n", "", "tls.hub", "is required");
        yield return Case("  dpsTokenLifetime: 30m", "  dpsTokenLifetime: forever", "tokens.dpsTokenLifetime", "'forever' is not a positive duration");
        yield return Case("  validity: 24h", "  validity: 0", "certificates.validity", "is not a positive duration");
        yield return Case("  - {step: credentials, kind: respond, code: \"5.03\", count: 3}", "  - {step: credentials, kind: respond, code: \"2.04\"}", "faults[0].code", "is not an error response code");
        yield return Case("  - {step: credentials, kind: respond, code: \"5.03\", count: 3}", "  - {step: nope, kind: drop}", "faults[0].step", "unknown step");
        yield return Case("listen:", "lisen:", "lisen", "unknown key");
        yield return Case("        certificateChain: mfgca.pem", "        certificateChain: mfgca.pem\n        expiredCertificateEnabled: maybe", "enrollmentGroups[0].attestationMechanism.x509.expiredCertificateEnabled", "'maybe' is not true or false");
    }

    [TestCaseSource(nameof(InvalidEdits))]
    public void Parse_InvalidValue_ThrowsNamingFileKeyAndReason(string find, string replace, string keyPath, string reason)
    {
        Assert.That(ConfigDirectory.ValidYaml, Does.Contain(find), "test edit must apply");
        AssertInvalid(ConfigDirectory.ValidYaml.Replace(find, replace, StringComparison.Ordinal), keyPath, reason);
    }

    [Test]
    public void Parse_NoEnrollmentGroups_Throws()
    {
        var yaml = ConfigDirectory.ValidYaml[..ConfigDirectory.ValidYaml.IndexOf("enrollmentGroups:", StringComparison.Ordinal)] + "enrollmentGroups: []\n";

        AssertInvalid(yaml, "enrollmentGroups", "at least one enrollment group is required");
    }

    [Test]
    public void Parse_DuplicateGroupIds_Throws()
    {
        var start = ConfigDirectory.ValidYaml.IndexOf("  - id:", StringComparison.Ordinal);
        var end = ConfigDirectory.ValidYaml.IndexOf("faults:", StringComparison.Ordinal);
        var group = ConfigDirectory.ValidYaml[start..end];
        var yaml = ConfigDirectory.ValidYaml.Insert(end, group);

        AssertInvalid(yaml, "enrollmentGroups[1].id", "duplicates enrollmentGroups[0].id");
    }

    [TestCase("", "(root)", "the file is empty")]
    [TestCase("- a\n- b\n", "(root)", "expected a mapping")]
    [TestCase("a: [\n", "(root)", "not valid YAML")]
    [TestCase("tls: {dps: 1, hub: 2}\nenrollmentGroups: []\n", "tls.dps", "expected a mapping")]
    public void Parse_BrokenDocument_Throws(string yaml, string keyPath, string reason)
    {
        AssertInvalid(yaml, keyPath, reason);
    }

    [Test]
    public void Load_MissingFile_ThrowsNamingFile()
    {
        var missing = _dir.File_("absent.yaml");

        Assert.That(
            () => ServiceConfigLoader.Load(missing),
            Throws.TypeOf<ServiceConfigException>().With.Message.StartsWith(missing + ": (root): cannot read the file"));
    }

    [Test]
    public void Parse_Error_MessageHasFileLineKeyAndReason()
    {
        var yaml = ConfigDirectory.ValidYaml.Replace("owner: \"1\"", "owner: \"\"", StringComparison.Ordinal);

        var ex = Assert.Throws<ServiceConfigException>(() => ServiceConfigLoader.Parse(yaml, _dir.ConfigFile));

        Assert.That(ex.Message, Is.EqualTo($"{_dir.ConfigFile}:{ex.Line}: enrollmentGroups[0].owner: is required"));
        Assert.That(ex.Line, Is.EqualTo(16));
    }

    private void AssertInvalid(string yaml, string keyPath, string reason)
    {
        var ex = Assert.Throws<ServiceConfigException>(() => ServiceConfigLoader.Parse(yaml, _dir.ConfigFile));

        Assert.Multiple(() =>
        {
            Assert.That(ex.FilePath, Is.EqualTo(_dir.ConfigFile));
            Assert.That(ex.KeyPath, Is.EqualTo(keyPath));
            Assert.That(ex.Reason, Does.Contain(reason));
            Assert.That(ex.Message, Does.StartWith(_dir.ConfigFile).And.Contain(keyPath).And.Contain(reason));
        });
    }
}
