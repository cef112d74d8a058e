using System.Text.Json;
using Dps.Client;
using Dps.IntegrationTests.Harness;
using Dps.Ocf;
using Dps.Ocf.Cloud;

namespace Dps.IntegrationTests;

/// <summary>The DPS plug-in against an in-process dps-service over TLS on loopback.</summary>
[Category("Integration")]
public sealed class ProvisioningTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Start_FreshDevice_ProvisionsLogsInAndHubSeesTheDevice(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var credentials = service.IssueDevice();
        await using var device = DeviceUnderTest.Create(service, credentials);

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        var hubDevice = await service.GetHubDeviceAsync(device.DeviceId, cancellationToken);
        var record = await service.GetProvisioningRecordAsync(credentials, cancellationToken);
        using var devicesJson = JsonDocument.Parse(await service.Http.GetStringAsync("/api/v1/devices", cancellationToken));
        var listed = devicesJson.RootElement.EnumerateArray()
            .SingleOrDefault(d => d.GetProperty("di").GetString() == device.DeviceId.ToString("D"));
        var counts = await service.GetJsonAsync<Dictionary<string, long>>("/api/v1/request-counts", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(device.Status & DeviceUnderTest.Provisioned, Is.EqualTo(DeviceUnderTest.Provisioned));
            Assert.That(device.CloudStatus & CloudStatus.LoggedIn, Is.EqualTo(CloudStatus.LoggedIn));
            Assert.That(service.DpsRequestCounts(), Is.EqualTo(new long[] { 1, 1, 1, 1, 1 }), "time, owner, cloud, credentials, acls");
            Assert.That(counts, Does.ContainKey("credentials").WithValue(1).And.ContainKey("hub-signin").WithValue(1), "GET /api/v1/request-counts");
            Assert.That(hubDevice, Is.Not.Null, "the hub knows the device");
            Assert.That(hubDevice!.Registered, Is.True);
            Assert.That(listed.ValueKind, Is.EqualTo(JsonValueKind.Object), "GET /api/v1/devices lists the device");
            Assert.That(listed.ValueKind == JsonValueKind.Object && listed.GetProperty("loggedIn").GetBoolean(), Is.True, "logged in at the hub");
            Assert.That(service.Host.Hub.IsOnline(device.DeviceId.ToString("D")), Is.True, "online on the hub");
            Assert.That(record?.DeviceId, Is.EqualTo(device.DeviceId.ToString("D")), "the provisioning record names the device");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_RestartWithSameStore_SendsNoDpsRequestAndLogsIn(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var credentials = service.IssueDevice();
        var store = new InMemoryOcfStore();
        Guid firstId;
        await using (var first = DeviceUnderTest.Create(service, credentials, store: store))
        {
            first.Start();
            await first.WaitForProvisionedAndLoggedInAsync(cancellationToken);
            firstId = first.DeviceId;
            await first.Dps.Context.RestartAsync(cancellationToken);
            await first.WaitForProvisionedAndLoggedInAsync(cancellationToken);
        }

        var before = service.TotalDpsRequests();
        var signIns = service.RequestCount(Service.Faults.FaultStep.HubSignIn);
        await using var second = DeviceUnderTest.Create(service, credentials, store: store);
        second.Start();
        await second.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(5), "RestartAsync of the running stack sent none either");
            Assert.That(service.TotalDpsRequests(), Is.EqualTo(before), "a restart sends no DPS request");
            Assert.That(second.DeviceId, Is.EqualTo(firstId));
            Assert.That(service.RequestCount(Service.Faults.FaultStep.HubSignIn), Is.GreaterThan(signIns), "signed in again");
        });
    }
}
