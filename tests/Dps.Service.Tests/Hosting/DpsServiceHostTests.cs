using System.Net;
using Dps.Service.Configuration;
using Dps.Service.Hosting;

namespace Dps.Service.Tests.Hosting;

public class DpsServiceHostTests
{
    [Test]
    public void WithHubAddress_GatewaysNamingTheConfiguredHub_FollowTheBoundAddress()
    {
        var hub = new HubSettings
        {
            Id = Guid.NewGuid(),
            HubId = Guid.NewGuid(),
            Gateways = ["coaps+tcp://127.0.0.1:20040", "coaps+tcp://localhost:20040", "coaps+tcp://hub.example.com:20040", "coaps+tcp://127.0.0.1:5684"],
            CertificateAuthority = new TlsFiles("ca.crt", "ca.key"),
        };
        var config = new ServiceConfig
        {
            FilePath = "/tmp/dps-service.yaml",
            BaseDirectory = "/tmp",
            HubAddress = new IPEndPoint(IPAddress.Loopback, 20040),
            DpsTls = new TlsFiles("d.crt", "d.key"),
            HubTls = new TlsFiles("h.crt", "h.key"),
            Tokens = new TokenSettings { SigningKeyFile = "t.key" },
            Certificates = new CertificateSettings(),
            DatabaseFile = "/tmp/db",
            EnrollmentGroups = [new EnrollmentGroup { Id = Guid.NewGuid(), Owner = "1", OwnerUuid = Guid.NewGuid(), Name = "g", CertificateChainPem = string.Empty, LeadCertificateName = "x", Hubs = [hub] }],
        };

        var rewritten = DpsServiceHost.WithHubAddress(config, new IPEndPoint(IPAddress.Loopback, 41234));

        Assert.Multiple(() =>
        {
            Assert.That(rewritten.EnrollmentGroups[0].Hubs[0].Gateways, Is.EqualTo(new[] { "coaps+tcp://127.0.0.1:41234", "coaps+tcp://hub.example.com:20040", "coaps+tcp://127.0.0.1:5684" }));
            Assert.That(rewritten.HubAddress.Port, Is.EqualTo(41234));
            Assert.That(config.EnrollmentGroups[0].Hubs[0].Gateways, Has.Count.EqualTo(4));
        });
    }

    [TestCase("127.0.0.1", 20030, "127.0.0.1:20030")]
    [TestCase("::1", 20040, "[::1]:20040")]
    public void Format_Address_HostAndPort(string address, int port, string expected)
    {
        Assert.That(DpsServiceHost.Format(new IPEndPoint(IPAddress.Parse(address), port)), Is.EqualTo(expected));
    }
}
