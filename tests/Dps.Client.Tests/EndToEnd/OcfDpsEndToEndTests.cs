using Dps.Client.Ocf;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using Dps.Security;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Client.Tests.EndToEnd;

[Category("Integration")]
public sealed class OcfDpsEndToEndTests
{
    private const DpsStatus Provisioned = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;

    private static TestPki Pki => TestPki.Shared;

    [Test]
    [CancelAfter(30_000)]
    public async Task AddDps_FreshDeviceThenRestart_ProvisionsLogsInAndRestartSendsNoDpsRequest(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = new TestHub(Pki);
        await using var server = OcfDpsTestAnswers.CreateServer(hub, time);
        var store = new InMemoryOcfStore();

        var first = await RunUntilLoggedInAsync(store, time, server.Uri, cancellationToken);
        var dpsRequests = server.TotalCount;
        var second = await RunUntilLoggedInAsync(store, time, server.Uri, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Dps, Is.EqualTo(Provisioned));
            Assert.That(first.Cloud & CloudStatus.LoggedIn, Is.EqualTo(CloudStatus.LoggedIn));
            Assert.That(dpsRequests, Is.EqualTo(5), "time, owner, cloud, credentials, acls");
            Assert.That(second.Dps & Provisioned, Is.EqualTo(Provisioned));
            Assert.That(second.Cloud & CloudStatus.LoggedIn, Is.EqualTo(CloudStatus.LoggedIn));
            Assert.That(server.TotalCount, Is.EqualTo(dpsRequests), "a restart sends no DPS request");
            Assert.That(hub.RequestCount, Is.GreaterThan(0));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ResetDevice_Provisioned_StopsDpsAndPresetsProvisionAgain(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = new TestHub(Pki);
        await using var server = OcfDpsTestAnswers.CreateServer(hub, time);
        await using var stack = new OcfStack(new OcfStackOptions { Device = new OcfDeviceOptions { Name = "e2e", DeviceId = Pki.DeviceId } }, time);
        var (dps, signals) = OcfDpsTestAnswers.AddDps(stack, server.Uri, time);
        await using var _ = dps;
        stack.FactoryPresets = async (device, token) =>
        {
            OcfDpsTestAnswers.InstallManufacturerCredentials(stack);
            await dps.Context.AddEndpointAsync(server.Uri, "test", token);
            dps.Context.ForceReprovision();
            dps.Context.Start();
        };
        await OcfDpsTestAnswers.DriveAsync(() => IsLoggedIn(dps), time, signals, cancellationToken);
        var before = server.TotalCount;

        await stack.ResetDeviceAsync(0, cancellationToken);
        await OcfDpsTestAnswers.DriveAsync(() => IsLoggedIn(dps), time, signals, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(5));
            Assert.That(server.TotalCount, Is.EqualTo(10), "provisioned again after the reset");
            Assert.That(dps.Context.Status & Provisioned, Is.EqualTo(Provisioned));
        });
    }

    private static bool IsLoggedIn(OcfDps dps) =>
        (dps.Context.Status & Provisioned) == Provisioned && (dps.CloudManager.Status & CloudStatus.LoggedIn) != 0;

    private static async Task<(DpsStatus Dps, CloudStatus Cloud)> RunUntilLoggedInAsync(
        InMemoryOcfStore store, FakeTimeProvider time, string dpsUri, CancellationToken cancellationToken)
    {
        await using var stack = new OcfStack(
            new OcfStackOptions { Store = store, Device = new OcfDeviceOptions { Name = "e2e", DeviceId = Pki.DeviceId } },
            time);
        using (var key = Pki.MfgDevice.GetPrivateKey())
        {
            if (stack.GetDevice(0).GetManufacturerIdentity() is null)
            {
                stack.AddManufacturerCertificate(0, PemCertificates.ToPem(Pki.MfgDevice.Chain), EcKeys.ToPkcs8Pem(key));
                stack.AddTrustAnchor(0, PemCertificates.ToPem(Pki.HubCa.Certificate), manufacturer: true);
            }
        }
        var (dps, signals) = OcfDpsTestAnswers.AddDps(stack, dpsUri, time);
        await using var _ = dps;

        dps.Context.Start();
        await OcfDpsTestAnswers.DriveAsync(() => IsLoggedIn(dps), time, signals, cancellationToken);
        return (dps.Context.Status, dps.CloudManager.Status);
    }
}
