using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;
using Dps.Service.Tests.Payloads;
using Dps.Testing.Pki;

namespace Dps.Service.Tests.Network;

/// <summary>libcoap's coap-client (not our client) with the manufacturer certificate <c>init</c> wrote.</summary>
[Category("Integration")]
[NonParallelizable]
public class LibCoapInteropTests
{
    private RunningService _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Assume.That(CommandLineTool.IsInstalled(LibCoapClient.Executable), Is.True, "coap-client-openssl is not installed");
        _service = await RunningService.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_service is not null)
        {
            Assert.That(_service.Log.Errors, Is.Empty);
            await _service.DisposeAsync();
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Time_LibCoapClient_AnswersContentWithRfc3339Time()
    {
        var result = await GetAsync("/x.plgd.dev/time");

        var body = CborValue.DecodeMap(result.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo("2.05"), result.Log);
            Assert.That(body.Keys, Is.EquivalentTo(new[] { "time" }));
            Assert.That(
                DateTimeOffset.TryParseExact((string)body["time"]!, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time),
                Is.True);
            Assert.That(time, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Ownership_LibCoapClient_AnswersExactlyDevOwnerUuid()
    {
        var result = await GetAsync("/api/v1/provisioning/ownership");

        var body = CborValue.DecodeMap(result.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo("2.05"), result.Log);
            Assert.That(body.Keys, Is.EquivalentTo(new[] { "devowneruuid" }));
            Assert.That(body["devowneruuid"], Is.EqualTo(_service.Host.Config.EnrollmentGroups[0].OwnerUuid.ToString("D")));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Credentials_OpensslCsr_IssuesIdentityCertificateForItsKey()
    {
        var deviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";
        var work = Directory.CreateTempSubdirectory("openssl-csr-").FullName;
        try
        {
            var keyFile = Path.Combine(work, "key.pem");
            var csrFile = Path.Combine(work, "csr.pem");
            await CommandLineTool.RunCheckedAsync("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyFile]);
            await CommandLineTool.RunCheckedAsync("openssl", ["req", "-new", "-key", keyFile, "-subj", $"/CN=uuid:{deviceId}", "-out", csrFile]);
            var payload = TestCbor.Map(
                ("di", deviceId),
                ("csr", TestCbor.M(("data", await File.ReadAllTextAsync(csrFile)), ("encoding", "oic.sec.encoding.pem"))));

            var result = await LibCoapClient.RequestAsync(_service, "post", "/api/v1/provisioning/credentials", _service.MfgCertificateFile, _service.MfgKeyFile, payload);

            Assert.That(result.Code, Is.EqualTo("2.04"), result.Log);
            var creds = (List<object?>)CborValue.DecodeMap(result.Payload)["creds"]!;
            var identity = creds.Cast<Dictionary<string, object?>>().Single(c => (string?)c["credusage"] == "oic.sec.cred.cert");
            var trust = creds.Cast<Dictionary<string, object?>>().Single(c => (string?)c["credusage"] == "oic.sec.cred.trustca");
            var identityChain = PemCertificates.LoadChain((string)((Dictionary<string, object?>)identity["publicdata"]!)["data"]!);
            var trustCa = PemCertificates.LoadChain((string)((Dictionary<string, object?>)trust["publicdata"]!)["data"]!);
            using var key = ECDsa.Create();
            key.ImportFromPem(await File.ReadAllTextAsync(keyFile));
            var leaf = identityChain[0];
            var verification = CertificateChainVerifier.Verify(leaf, trustCa, identityChain.Skip(1));
            Assert.Multiple(() =>
            {
                Assert.That(identity["subjectuuid"], Is.EqualTo(deviceId));
                Assert.That(leaf.PublicKey.ExportSubjectPublicKeyInfo(), Is.EqualTo(key.ExportSubjectPublicKeyInfo()));
                Assert.That(leaf.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("uuid:" + deviceId));
                Assert.That(verification.IsTrusted, Is.True, verification.Errors.ToString());
                Assert.That(OcfCertificates.GetExtendedKeyUsages(leaf), Is.SupersetOf(new[] { OcfOids.ServerAuth, OcfOids.ClientAuth, OcfOids.OcfIdentity }));
                Assert.That(OcfCertificates.GetKeyUsage(leaf), Is.EqualTo(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement));
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Acls_LibCoapClient_AnswersOwnerAnonymousAndHubAces()
    {
        var result = await GetAsync("/api/v1/provisioning/acls");

        Assert.That(result.Code, Is.EqualTo("2.05"), result.Log);
        var aces = ((List<object?>)CborValue.DecodeMap(result.Payload)["aclist2"]!).Cast<Dictionary<string, object?>>().ToList();
        var subjects = aces.Select(a => (Dictionary<string, object?>)a["subject"]!).ToList();
        var group = _service.Host.Config.EnrollmentGroups[0];
        Assert.Multiple(() =>
        {
            Assert.That(aces, Has.Count.EqualTo(3));
            Assert.That(subjects[0]["uuid"], Is.EqualTo(group.OwnerUuid.ToString("D")));
            Assert.That(subjects[1]["conntype"], Is.EqualTo("anon-clear"));
            Assert.That(subjects[2]["uuid"], Is.EqualTo(group.Hubs[0].HubId.ToString("D")));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task CloudConfiguration_LibCoapClient_AnswersHubAddressAndToken()
    {
        var payload = TestCbor.Map(("di", "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));

        var result = await LibCoapClient.RequestAsync(_service, "post", "/api/v1/provisioning/cloud-configuration", _service.MfgCertificateFile, _service.MfgKeyFile, payload);

        Assert.That(result.Code, Is.EqualTo("2.04"), result.Log);
        var body = CborValue.DecodeMap(result.Payload);
        Assert.Multiple(() =>
        {
            Assert.That(body["apn"], Is.EqualTo("plgd"));
            Assert.That(body["cis"], Is.EqualTo(_service.Host.HubUri));
            Assert.That(body["sid"], Is.EqualTo(_service.Host.Config.EnrollmentGroups[0].Hubs[0].Id.ToString("D")));
            Assert.That((string?)body["at"], Is.Not.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Handshake_CertificateFromUnenrolledCa_IsRejected()
    {
        var work = Directory.CreateTempSubdirectory("unenrolled-").FullName;
        try
        {
            using var pki = TestPki.Create(DateTimeOffset.UtcNow);
            var certificateFile = Path.Combine(work, "crt.pem");
            var keyFile = Path.Combine(work, "key.pem");
            PemFile.WriteCertificates(certificateFile, pki.MfgDevice.Chain);
            using (var key = pki.MfgDevice.GetPrivateKey())
            {
                PemFile.WritePrivateKey(keyFile, key);
            }

            var result = await LibCoapClient.RequestAsync(_service, "get", "/x.plgd.dev/time", certificateFile, keyFile);

            Assert.Multiple(() =>
            {
                Assert.That(result.Code, Is.Null, result.Log);
                Assert.That(result.Payload, Is.Empty);
                Assert.That(_service.Log.Entries.Select(e => e.Message), Has.Some.Contains("Rejected device certificate " + pki.MfgDevice.Certificate.Subject));
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private Task<LibCoapResult> GetAsync(string path) =>
        LibCoapClient.RequestAsync(_service, "get", path, _service.MfgCertificateFile, _service.MfgKeyFile);
}
