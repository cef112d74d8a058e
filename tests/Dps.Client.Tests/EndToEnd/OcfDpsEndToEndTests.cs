using System.Threading.Channels;
using Dps.Client.Ocf;
using Dps.Client.Tests.Context;
using Dps.Coap;
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
        await using var server = new TestDpsServer(Pki.DpsServer, Pki.HubCa, time);
        server.Script = (path, _, request) => path == TestDpsServer.CloudPath ? OcfDpsTestAnswers.Cloud(request, hub.Uri) : null;
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
        await using var server = new TestDpsServer(Pki.DpsServer, Pki.HubCa, time);
        server.Script = (path, _, request) => path == TestDpsServer.CloudPath ? OcfDpsTestAnswers.Cloud(request, hub.Uri) : null;
        await using var stack = new OcfStack(new OcfStackOptions { Device = new OcfDeviceOptions { Name = "e2e", DeviceId = Pki.DeviceId } }, time);
        var signals = Channel.CreateUnbounded<object>();
        var cloudOptions = new CloudManagerOptions { RetryTimeouts = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1)] };
        var options = new DpsClientOptions { Endpoints = [new DpsEndpoint(server.Uri, "test")] };
        await using var dps = stack.AddDps(0, options, new DpsContextOptions { TimeProvider = time, Random = new Random(42) }, cloudOptions);
        dps.Context.StatusChanged += (_, e) => signals.Writer.TryWrite(e);
        dps.Context.TimerArmed += delay => signals.Writer.TryWrite(delay);
        dps.CloudManager.StatusChanged += (_, e) => signals.Writer.TryWrite(e);
        stack.FactoryPresets = async (device, token) =>
        {
            OcfDpsTestAnswers.InstallManufacturerCredentials(stack);
            await dps.Context.AddEndpointAsync(server.Uri, "test", token);
            dps.Context.ForceReprovision();
            dps.Context.Start();
        };
        await DriveAsync(dps, time, signals, cancellationToken);
        var before = server.TotalCount;

        await stack.ResetDeviceAsync(0, cancellationToken);
        await DriveAsync(dps, time, signals, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(5));
            Assert.That(server.TotalCount, Is.EqualTo(10), "provisioned again after the reset");
            Assert.That(dps.Context.Status & Provisioned, Is.EqualTo(Provisioned));
        });
    }

    // Reads signals, expiring every armed DPS timer at once, until DPS is provisioned and the cloud logged in.
    private static async Task DriveAsync(OcfDps dps, FakeTimeProvider time, Channel<object> signals, CancellationToken cancellationToken)
    {
        while (!((dps.Context.Status & Provisioned) == Provisioned && (dps.CloudManager.Status & CloudStatus.LoggedIn) != 0))
        {
            if (await signals.Reader.ReadAsync(cancellationToken) is TimeSpan delay)
            {
                time.Advance(delay);
            }
        }
    }

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
        var signals = Channel.CreateUnbounded<object>();
        var options = new DpsClientOptions { Endpoints = [new DpsEndpoint(dpsUri, "test")] };
        // A 1 ms first retry entry makes the cloud manager's restart delay zero (its request timeouts never expire: the clock moves only for DPS timers).
        var cloudOptions = new CloudManagerOptions { RetryTimeouts = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1)] };
        await using var dps = stack.AddDps(0, options, new DpsContextOptions { TimeProvider = time, Random = new Random(42) }, cloudOptions);
        dps.Context.StatusChanged += (_, e) => signals.Writer.TryWrite(e);
        dps.Context.TimerArmed += delay => signals.Writer.TryWrite(delay);
        dps.CloudManager.StatusChanged += (_, e) => signals.Writer.TryWrite(e);

        dps.Context.Start();
        while (!((dps.Context.Status & Provisioned) == Provisioned && (dps.CloudManager.Status & CloudStatus.LoggedIn) != 0))
        {
            var signal = await signals.Reader.ReadAsync(cancellationToken);
            if (signal is TimeSpan delay)
            {
                time.Advance(delay);
            }
        }
        return (dps.Context.Status, dps.CloudManager.Status);
    }
}
