using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Ocf.Cloud;
using Dps.Ocf.Provisioning;
using Dps.Ocf.Security;
using Dps.Ocf.Tests.Stack;
using Dps.Security;
using Dps.Testing;
using Microsoft.Extensions.Time.Testing;
using MfgPki = Dps.Testing.Pki.TestPki;

namespace Dps.Ocf.Tests.Device;

[CancelAfter(20_000)]
public class OcfDeviceTests
{
    private static readonly OcfUuid Owner = OcfUuid.Parse("b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51");

    [Test]
    public async Task ResetDevice_ProvisionedDevice_NewIdentityClearedStatePlgdTimeKeptPresetsReinstall(CancellationToken cancellationToken)
    {
        var pki = MfgPki.Shared;
        var log = new RecordingLogger();
        var store = new InMemoryOcfStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var stack = new OcfStack(new OcfStackOptions { Store = store }, clock, new RecordingLoggerFactory(log));
        var device = stack.Devices[0];
        int presetsRuns = 0;
        bool presetsSawResetState = false;
        stack.FactoryPresets = (d, _) =>
        {
            presetsRuns++;
            presetsSawResetState = d.Security.Pstat.State == DeviceOnboardingState.Reset || presetsRuns == 1;
            InstallManufacturerCredentials(stack, d.Index);
            return ValueTask.CompletedTask;
        };
        await device.InvokeAsync(() => { }, cancellationToken);
        var syncedAt = new DateTimeOffset(2025, 7, 2, 18, 55, 37, TimeSpan.Zero);
        device.PlgdTime.SetTime(syncedAt);
        await device.InvokeAsync(() => device.Security.OwnDevice(Owner, includeWellKnownCore: false), cancellationToken);
        Assert.That(ApplyDpsCredentials(device), Is.True);
        device.ApplyCloudConfiguration(new CloudConfUpdate { CiServer = "coaps+tcp://hub:5684", Sid = Owner, AccessToken = "token", AuthProvider = "plgd" });
        var oldId = device.DeviceId;
        byte[] oldKey = device.PublicKeyInfo.ToArray();
        byte[]? oldKeyStore = store.Load("keypair_0");
        using var dpsIdentity = device.GetDpsIdentity();
        Assert.That(dpsIdentity, Is.Not.Null, "the DPS identity is usable before the reset");

        await stack.ResetDeviceAsync(0, cancellationToken);

        var (credentials, aces, doxm, pstat) = await device.InvokeAsync(
            () => (device.Security.Cred.Credentials.ToList(), device.Security.Acl.Aces.ToList(), device.Security.Doxm.Clone(), device.Security.Pstat.Clone()),
            cancellationToken);
        using var mfg = device.GetManufacturerIdentity();
        var reloaded = new OcfDeviceSecurity(store, 0);
        reloaded.Load();
        var cloud = CloudConfiguration.Decode(store.Load("cloud_0"));
        Assert.Multiple(() =>
        {
            Assert.That(device.DeviceId, Is.Not.EqualTo(oldId));
            Assert.That(doxm.DeviceUuid.ToString(), Is.EqualTo(device.DeviceId.ToString("D")));
            Assert.That(doxm.Owned, Is.False);
            Assert.That(doxm.DevOwnerUuid.IsNil, Is.True);
            Assert.That(reloaded.Doxm.DeviceUuid, Is.EqualTo(doxm.DeviceUuid), "the new di is persisted");
            Assert.That(pstat.State, Is.EqualTo(DeviceOnboardingState.Rfotm));
            Assert.That(reloaded.Pstat.State, Is.EqualTo(DeviceOnboardingState.Rfotm));
            Assert.That(device.PublicKeyInfo.ToArray(), Is.Not.EqualTo(oldKey), "new key pair");
            Assert.That(store.Load("keypair_0"), Is.Not.EqualTo(oldKeyStore), "new key pair persisted");
            Assert.That(credentials.Select(c => c.Usage), Is.EquivalentTo(new[] { CredUsage.MfgCert, CredUsage.MfgTrustCa }), "only what the presets re-installed");
            Assert.That(reloaded.Cred.Credentials, Has.Count.EqualTo(2));
            Assert.That(aces, Has.Count.EqualTo(1), "only the bootstrap ACE");
            Assert.That(aces[0].Subject.Kind, Is.EqualTo(AceSubjectKind.ConnectionType));
            Assert.That(device.CloudConfiguration.AccessToken, Is.Empty);
            Assert.That(device.CloudConfiguration.CiServer, Is.EqualTo(CloudConfiguration.DefaultCiServer));
            Assert.That(cloud.AccessToken, Is.Empty, "cleared cloud configuration persisted");
            Assert.That(device.PlgdTime.LastSyncedTime, Is.EqualTo(syncedAt), "plgd time kept");
            Assert.That(PlgdTimeRecord.Decode(store.Load("plgd_time_0")).LastSyncedTime, Is.EqualTo(syncedAt));
            Assert.That(presetsRuns, Is.EqualTo(2), "boot in RFOTM, then the reset");
            Assert.That(presetsSawResetState, Is.True);
            Assert.That(mfg, Is.Not.Null);
            Assert.That(mfg!.Certificate.Thumbprint, Is.EqualTo(pki.MfgDevice.Certificate.Thumbprint));
            Assert.That(mfg.Intermediates.Select(c => c.Thumbprint), Is.EqualTo(new[] { pki.MfgCa.Certificate.Thumbprint }));
            Assert.That(device.GetDpsIdentity(), Is.Null);
            Assert.That(log.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task FirstBoot_EmptyStore_PresetsOnceAndNotAgainWhenOwned(CancellationToken cancellationToken)
    {
        var store = new InMemoryOcfStore();
        int runs = 0;
        Guid firstId;
        await using (var stack = new OcfStack(new OcfStackOptions { Store = store }))
        {
            stack.FactoryPresets = (_, _) =>
            {
                runs++;
                return ValueTask.CompletedTask;
            };
            stack.FactoryPresets = stack.FactoryPresets;
            var device = stack.Devices[0];
            await device.InvokeAsync(() => device.Security.OwnDevice(Owner, includeWellKnownCore: false), cancellationToken);
            firstId = device.DeviceId;
        }

        await using var restarted = new OcfStack(new OcfStackOptions { Store = store });
        restarted.FactoryPresets = (_, _) =>
        {
            runs++;
            return ValueTask.CompletedTask;
        };
        await restarted.Devices[0].InvokeAsync(() => { }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(runs, Is.EqualTo(1));
            Assert.That(restarted.Devices[0].DeviceId, Is.EqualTo(firstId), "the di is persisted");
            Assert.That(restarted.Devices[0].Security.IsOwnedBy(Owner), Is.True);
        });
    }

    [Test]
    public async Task PlgdTime_Restart_LoadedFromStoreInSyncFromStorage()
    {
        var store = new InMemoryOcfStore();
        var synced = new DateTimeOffset(2025, 7, 2, 18, 55, 37, 123, TimeSpan.Zero);
        await using (var stack = new OcfStack(new OcfStackOptions { Store = store }, new FakeTimeProvider()))
        {
            stack.Devices[0].PlgdTime.SetTime(synced);
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var restarted = new OcfStack(new OcfStackOptions { Store = store }, clock);
        clock.Advance(TimeSpan.FromSeconds(10));

        var time = restarted.Devices[0].PlgdTime;
        Assert.Multiple(() =>
        {
            Assert.That(time.Status, Is.EqualTo(PlgdTimeStatus.InSyncFromStorage));
            Assert.That(time.LastSyncedTime, Is.EqualTo(synced));
            Assert.That(time.GetUtcNow(), Is.EqualTo(synced.AddSeconds(10)));
        });
    }

    [Test]
    public async Task OwnDevice_DeviceWrapper_OwnedAndBootstrapAce(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];

        device.OwnDevice(Owner);

        var aces = await device.InvokeAsync(() => device.Security.Acl.Aces.Count, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(device.IsOwnedBy(Owner), Is.True);
            Assert.That(aces, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ResetDevice_Queued_RunsOnExecutorBeforeLaterWork(CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];
        var oldId = device.DeviceId;
        int completed = 0;
        stack.ResetCompleted += (_, _) => completed++;

        bool queued = stack.ResetDevice(0);
        await device.InvokeAsync(() => { }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(queued, Is.True);
            Assert.That(completed, Is.EqualTo(1));
            Assert.That(device.DeviceId, Is.Not.EqualTo(oldId));
        });
    }

    [Test]
    public async Task FirstBoot_OptionsDeviceId_Used()
    {
        var id = Guid.Parse("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7");
        await using var stack = new OcfStack(new OcfStackOptions { Device = new OcfDeviceOptions { DeviceId = id } });

        Assert.Multiple(() =>
        {
            Assert.That(stack.Devices[0].DeviceId, Is.EqualTo(id));
            Assert.That(stack.Devices[0].Security.Doxm.DeviceUuid.ToString(), Is.EqualTo(id.ToString("D")));
        });
    }

    [Test]
    public async Task KeyPair_DirectoryStore_PersistedAcrossRestartAsSecretFile()
    {
        string directory = Path.Combine(Path.GetTempPath(), "dps-ocf-device-" + Guid.NewGuid().ToString("N"));
        try
        {
            byte[] key;
            Guid id;
            await using (var stack = new OcfStack(new OcfStackOptions { StorageDirectory = directory }))
            {
                key = stack.Devices[0].PublicKeyInfo.ToArray();
                id = stack.Devices[0].DeviceId;
            }

            await using var restarted = new OcfStack(new OcfStackOptions { StorageDirectory = directory });

            Assert.Multiple(() =>
            {
                Assert.That(restarted.Devices[0].PublicKeyInfo.ToArray(), Is.EqualTo(key));
                Assert.That(restarted.Devices[0].DeviceId, Is.EqualTo(id));
                Assert.That(EcKeys.GetCurve(restarted.Devices[0].KeyPair), Is.EqualTo(EcKeyCurve.P256));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.That(File.GetUnixFileMode(Path.Combine(directory, "keypair_0")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                    Assert.That(File.GetUnixFileMode(Path.Combine(directory, "cred_0")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                }
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase("A0")]
    [TestCase("A165706B6373384100")]
    [TestCase("FF00")]
    public async Task KeyPair_CorruptStore_Regenerated(string storedHex)
    {
        var store = new InMemoryOcfStore();
        store.Save("keypair_0", Convert.FromHexString(storedHex), secret: true);

        await using var stack = new OcfStack(new OcfStackOptions { Store = store });

        Assert.Multiple(() =>
        {
            Assert.That(EcKeys.GetCurve(stack.Devices[0].KeyPair), Is.EqualTo(EcKeyCurve.P256));
            Assert.That(store.Load("keypair_0"), Is.Not.EqualTo(Convert.FromHexString(storedHex)));
            Assert.That(store.IsSecret("keypair_0"), Is.True);
        });
    }

    [Test]
    public async Task CreateCsrPem_DeviceKeyAndUuidSubject()
    {
        await using var stack = new OcfStack();
        var device = stack.Devices[0];

        var csr = CertificateSigningRequest.Parse(device.CreateCsrPem());

        Assert.Multiple(() =>
        {
            Assert.That(csr.CommonName, Is.EqualTo("uuid:" + device.DeviceId.ToString("D")));
            Assert.That(csr.HasPublicKeyOf(device.KeyPair), Is.True);
            Assert.That(csr.SubjectPublicKeyInfo.ToArray(), Is.EqualTo(device.PublicKeyInfo.ToArray()));
            Assert.That(csr.VerifySignature(), Is.True);
        });
    }

    [Test]
    public async Task Pki_AddAndRemove_CredentialsAndGetters()
    {
        var pki = MfgPki.Shared;
        await using var stack = new OcfStack();
        var device = stack.Devices[0];

        int mfg = InstallManufacturerCredentials(stack, 0);
        int trust = stack.AddTrustAnchor(0, PemCertificates.ToPem([pki.HubCa.Certificate]), manufacturer: false);
        stack.SetSecurityProfile(0, OcfSecurityProfile.Black);
        var all = device.GetTrustAnchors();
        var manufacturerOnly = device.GetTrustAnchors(CredUsage.MfgTrustCa);
        var credential = device.Security.Cred.Find(mfg);
        bool removed = stack.RemoveCredential(0, trust);
        bool removedAgain = stack.RemoveCredential(0, trust);

        Assert.Multiple(() =>
        {
            Assert.That(mfg, Is.Positive);
            Assert.That(trust, Is.Not.EqualTo(mfg));
            Assert.That(credential!.Usage, Is.EqualTo(CredUsage.MfgCert));
            Assert.That(credential.PrivateData, Is.Not.Null);
            Assert.That(all.Select(c => c.Thumbprint), Is.EquivalentTo(new[] { pki.RootCa.Certificate.Thumbprint, pki.HubCa.Certificate.Thumbprint }));
            Assert.That(manufacturerOnly.Select(c => c.Thumbprint), Is.EqualTo(new[] { pki.RootCa.Certificate.Thumbprint }));
            Assert.That(device.SecurityProfile, Is.EqualTo(OcfSecurityProfile.Black));
            Assert.That(removed, Is.True);
            Assert.That(removedAgain, Is.False);
            Assert.That(device.GetTrustAnchors(), Has.Count.EqualTo(1));
        });
        foreach (var certificate in all.Concat(manufacturerOnly))
        {
            certificate.Dispose();
        }
    }

    [Test]
    public async Task Pki_AddManufacturerCertificate_AgainIsSameCredential()
    {
        await using var stack = new OcfStack();

        int first = InstallManufacturerCredentials(stack, 0);
        int second = InstallManufacturerCredentials(stack, 0);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(stack.Devices[0].Security.Cred.Credentials, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Pki_MalformedOrMismatchedPem_PemFormatExceptionNothingAdded()
    {
        var pki = MfgPki.Shared;
        await using var stack = new OcfStack();
        using var otherKey = EcKeys.Generate();

        Assert.Multiple(() =>
        {
            Assert.That(() => stack.AddManufacturerCertificate(0, "not pem", "not pem"), Throws.InstanceOf<PemFormatException>());
            Assert.That(
                () => stack.AddManufacturerCertificate(0, PemCertificates.ToPem(pki.MfgDevice.Chain), EcKeys.ToPkcs8Pem(otherKey)),
                Throws.InstanceOf<PemFormatException>());
            Assert.That(() => stack.AddTrustAnchor(0, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", manufacturer: true), Throws.InstanceOf<PemFormatException>());
            Assert.That(stack.Devices[0].Security.Cred.Credentials, Is.Empty);
        });
    }

    [Test]
    public async Task ApplyDpsCredentials_CertificateForAnotherKey_RejectedNoIdentity()
    {
        var pki = MfgPki.Shared;
        await using var stack = new OcfStack();
        var device = stack.Devices[0];
        using var otherKey = EcKeys.Generate();
        using var leaf = pki.HubCa.IssueDeviceCertificate(
            new X500DistinguishedName("CN=uuid:" + device.DeviceId.ToString("D")), otherKey, pki.ValidFrom, pki.ValidFrom.AddDays(30));

        var (result, _) = device.ApplyDpsCredentials(CredentialsPayload(device, leaf));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(device.GetDpsIdentity(), Is.Null);
        });
    }

    /// <summary>What the example app's presets install: mfg chain + key (mfgcert) and the manufacturer root (mfgtrustca).</summary>
    internal static int InstallManufacturerCredentials(OcfStack stack, int index)
    {
        var pki = MfgPki.Shared;
        using var key = pki.MfgDevice.GetPrivateKey();
        int credId = stack.AddManufacturerCertificate(index, PemCertificates.ToPem(pki.MfgDevice.Chain), EcKeys.ToPkcs8Pem(key));
        stack.AddTrustAnchor(index, PemCertificates.ToPem([pki.RootCa.Certificate]), manufacturer: true);
        stack.SetSecurityProfile(index, OcfSecurityProfile.Black);
        return credId;
    }

    /// <summary>The DPS credentials answer for a certificate the hub CA issued to the device's own key.</summary>
    private static bool ApplyDpsCredentials(OcfDevice device)
    {
        var pki = MfgPki.Shared;
        var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(device.PublicKeyInfo.Span, out _);
        using (publicKey)
        using (var leaf = pki.HubCa.IssueDeviceCertificate(
            new X500DistinguishedName("CN=uuid:" + device.DeviceId.ToString("D")), publicKey, pki.ValidFrom, pki.ValidFrom.AddDays(30)))
        {
            var (result, _) = device.ApplyDpsCredentials(CredentialsPayload(device, leaf));
            return result.Succeeded;
        }
    }

    private static byte[] CredentialsPayload(OcfDevice device, X509Certificate2 leaf) =>
        TestCbor.Encode(TestCbor.Map(("creds", TestCbor.Array(
            TestCbor.Map(
                ("credtype", 8),
                ("subjectuuid", device.DeviceId.ToString("D")),
                ("credusage", "oic.sec.cred.cert"),
                ("publicdata", TestCbor.Map(("data", PemCertificates.ToPem([leaf])), ("encoding", "oic.sec.encoding.pem"))),
                ("tag", "dps")),
            TestCbor.Map(
                ("credtype", 8),
                ("subjectuuid", Owner.ToString()),
                ("credusage", "oic.sec.cred.trustca"),
                ("publicdata", TestCbor.Map(("data", PemCertificates.ToPem([MfgPki.Shared.HubCa.Certificate])), ("encoding", "oic.sec.encoding.pem"))),
                ("tag", "dps"))))));
}
