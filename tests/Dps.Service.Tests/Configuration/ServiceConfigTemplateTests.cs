using Dps.Service.Configuration;

namespace Dps.Service.Tests.Configuration;

public class ServiceConfigTemplateTests
{
    [Test]
    public void Render_WithPkiFiles_LoadsBack()
    {
        var dir = Directory.CreateTempSubdirectory("dps-service-template-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "pki"));
            foreach (var file in new[]
            {
                ServiceConfigTemplate.DpsCertificateFile, ServiceConfigTemplate.DpsKeyFile, ServiceConfigTemplate.HubCertificateFile,
                ServiceConfigTemplate.HubKeyFile, ServiceConfigTemplate.CloudCaCertificateFile, ServiceConfigTemplate.CloudCaKeyFile,
            })
            {
                File.WriteAllText(Path.Combine(dir, file), "x");
            }

            File.WriteAllText(Path.Combine(dir, ServiceConfigTemplate.ManufacturerCaFile), ConfigDirectory.CreateCaPem("Example Manufacturer CA"));
            var groupId = Guid.NewGuid();
            var hubId = Guid.NewGuid();
            var path = Path.Combine(dir, "dps-service.yaml");
            File.WriteAllText(path, ServiceConfigTemplate.Render("owner \"q\"", groupId, hubId));

            var config = ServiceConfigLoader.Load(path);

            Assert.Multiple(() =>
            {
                Assert.That(config.EnrollmentGroups[0].Id, Is.EqualTo(groupId));
                Assert.That(config.EnrollmentGroups[0].Owner, Is.EqualTo("owner \"q\""));
                Assert.That(config.EnrollmentGroups[0].Hubs[0].HubId, Is.EqualTo(hubId));
                Assert.That(config.EnrollmentGroups[0].Hubs[0].Gateways, Is.EqualTo(new[] { "coaps+tcp://127.0.0.1:20040" }));
                Assert.That(config.Tokens.SigningKeyFile, Is.EqualTo(Path.Combine(dir, ServiceConfigTemplate.TokenSigningKeyFile)));
                Assert.That(config.DatabaseFile, Is.EqualTo(Path.Combine(dir, "dps-service.db")));
                Assert.That(config.Faults, Is.Empty);
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
