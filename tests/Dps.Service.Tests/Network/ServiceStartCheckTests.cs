using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Pki;
using Dps.Testing.Processes;

namespace Dps.Service.Tests.Network;

/// <summary>
/// <c>dps-service run</c> as a real process over an <c>init</c> setup with one certificate or key
/// replaced: an unusable one stops the start with exit 1 and exactly one line naming its key path
/// (no stack trace); a P-384 token key is used (ES384).
/// </summary>
[Category("Integration")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ServiceStartCheckTests
{
    private string _directory = null!;

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string ServiceDll => Path.Combine(AppContext.BaseDirectory, "dps-service.dll");

    private string ConfigFile => Path.Combine(_directory, DevelopmentPki.ConfigFileName);

    [SetUp]
    public void CreateSetup()
    {
        _directory = Directory.CreateTempSubdirectory("dps-service-start-").FullName;
        DevelopmentPki.Initialize(_directory, "1", force: false, TimeProvider.System);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_P384TokenSigningKey_StartsAndStopsCleanly(CancellationToken cancellationToken)
    {
        using (var key = EcKeys.Generate(EcKeyCurve.P384))
        {
            PemFile.WritePrivateKey(InSetup(ServiceConfigTemplate.TokenSigningKeyFile), key);
        }

        await using var service = ExternalProcess.Start(Dotnet, [ServiceDll, "run", "--config", ConfigFile, "--dps-listen", "127.0.0.1:0", "--hub-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"], _directory);
        await service.WaitForLineAsync(l => l.StartsWith("http: ", StringComparison.Ordinal), TimeSpan.FromSeconds(30), cancellationToken);
        service.Signal(15);
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, service.Output);
            Assert.That(service.Output, Does.Not.Contain("Exception").And.Not.Contain("   at "));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_TokenSigningKeyOnSecp256k1_ExitsOneWithOneLine(CancellationToken cancellationToken)
    {
        using (var key = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1")))
        {
            PemFile.WriteAtomic(InSetup(ServiceConfigTemplate.TokenSigningKeyFile), EcKeys.ToPkcs8Pem(key), PemFile.PrivateMode);
        }

        var line = await RunRefusedAsync(cancellationToken);

        Assert.That(line, Does.Contain("tokens.signingKeyFile").And.Contain("secP256k1").IgnoreCase.And.Contain("P-384 (ES384)"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_HubCaKeyOfAnotherCertificate_ExitsOneWithOneLine(CancellationToken cancellationToken)
    {
        using (var other = EcKeys.Generate())
        {
            PemFile.WritePrivateKey(InSetup(ServiceConfigTemplate.CloudCaKeyFile), other);
        }

        var line = await RunRefusedAsync(cancellationToken);

        Assert.That(line, Does.Contain("enrollmentGroups[0].hubs[0].certificateAuthority").And.Contain("does not match"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_RsaHubCa_ExitsOneWithOneLine(CancellationToken cancellationToken)
    {
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=RSA hub CA", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            PemFile.WriteAtomic(InSetup(ServiceConfigTemplate.CloudCaCertificateFile), certificate.ExportCertificatePem() + "\n", PemFile.PublicMode);
            PemFile.WriteAtomic(InSetup(ServiceConfigTemplate.CloudCaKeyFile), rsa.ExportPkcs8PrivateKeyPem() + "\n", PemFile.PrivateMode);
        }

        var line = await RunRefusedAsync(cancellationToken);

        Assert.That(line, Does.Contain("enrollmentGroups[0].hubs[0].certificateAuthority").And.Contain("EC private key"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_HubCaWithoutCaFlag_ExitsOneWithOneLine(CancellationToken cancellationToken)
    {
        // The DPS server certificate and key match but are no CA: the pair cannot sign identity certificates.
        File.Copy(InSetup(ServiceConfigTemplate.DpsCertificateFile), InSetup(ServiceConfigTemplate.CloudCaCertificateFile), overwrite: true);
        File.Copy(InSetup(ServiceConfigTemplate.DpsKeyFile), InSetup(ServiceConfigTemplate.CloudCaKeyFile), overwrite: true);

        var line = await RunRefusedAsync(cancellationToken);

        Assert.That(line, Does.Contain("enrollmentGroups[0].hubs[0].certificateAuthority").And.Contain("not a CA certificate"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_GatewayCertificateWithoutTheHubUuid_ExitsOneWithOneLine(CancellationToken cancellationToken)
    {
        using (var cloudCa = CertificateAuthority.FromPem(File.ReadAllText(InSetup(ServiceConfigTemplate.CloudCaCertificateFile)), File.ReadAllText(InSetup(ServiceConfigTemplate.CloudCaKeyFile))))
        using (var key = EcKeys.Generate())
        {
            var now = DateTimeOffset.UtcNow;
            using var certificate = cloudCa.IssueServerCertificate(new X500DistinguishedName("CN=dps-service hub gateway"), key, ["localhost"], [IPAddress.Loopback], now.AddHours(-1), now.AddDays(30));
            PemFile.WriteCertificates(InSetup(ServiceConfigTemplate.HubCertificateFile), [certificate, cloudCa.Certificate]);
            PemFile.WritePrivateKey(InSetup(ServiceConfigTemplate.HubKeyFile), key);
        }

        var hubId = ServiceConfigLoader.Load(ConfigFile).EnrollmentGroups[0].Hubs[0].HubId;

        var line = await RunRefusedAsync(cancellationToken);

        Assert.That(line, Does.Contain("tls.hub").And.Contain("'dps-service hub gateway'").And.Contain($"CN=uuid:{hubId:D}"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_DpsKeyOfAnotherCertificate_ExitsOneWithOneLineNamingTlsDps(CancellationToken cancellationToken)
    {
        File.Copy(InSetup(ServiceConfigTemplate.HubKeyFile), InSetup(ServiceConfigTemplate.DpsKeyFile), overwrite: true);

        var line = await RunRefusedAsync(cancellationToken);

        Assert.That(line, Does.Contain("tls.dps").And.Contain("does not match"));
    }

    [Test]
    public void Initialize_GatewayCertificate_CarriesTheHubUuid()
    {
        var hubId = ServiceConfigLoader.Load(ConfigFile).EnrollmentGroups[0].Hubs[0].HubId;
        using var gateway = TlsIdentity.FromPemFiles(InSetup(ServiceConfigTemplate.HubCertificateFile), InSetup(ServiceConfigTemplate.HubKeyFile));

        Assert.Multiple(() =>
        {
            Assert.That(OcfCertificates.TryGetDeviceId(gateway.Certificate, out var id), Is.True, gateway.Certificate.Subject);
            Assert.That(id, Is.EqualTo(hubId));
        });
    }

    /// <summary>Runs the service; asserts exit 1 and a single output line without a stack trace; returns that line.</summary>
    private async Task<string> RunRefusedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (exitCode, output) = await CommandLineTool.RunAsync(Dotnet, [ServiceDll, "run", "--config", ConfigFile, "--dps-listen", "127.0.0.1:0", "--hub-listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"], _directory);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(lines, Has.Length.EqualTo(1), output);
            Assert.That(output, Does.StartWith("dps-service: invalid configuration: " + ConfigFile));
            Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("Exception"));
        });
        return lines[0];
    }

    private string InSetup(string relative) => System.IO.Path.Combine(_directory, relative);
}
