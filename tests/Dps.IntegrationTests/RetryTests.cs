using Dps.Client;
using Dps.Coap;
using Dps.IntegrationTests.Harness;
using Dps.Service.Faults;

namespace Dps.IntegrationTests;

/// <summary>Failure handling (PROTOCOL §3.2, §3.3) seen from the service's request counts.</summary>
[Category("Integration")]
public sealed class RetryTests
{
    private static readonly FaultStep[] s_dpsSteps = [FaultStep.Time, FaultStep.Ownership, FaultStep.CloudConfiguration, FaultStep.Credentials, FaultStep.Acls];

    // 5.00 is permanent: each failure forces full re-provisioning, so every step is repeated once
    // for each later step's failure.
    [Test]
    [CancelAfter(30_000)]
    public async Task Start_EveryStepFailsOnceWith500_RequestCountsEndAt65432(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        service.Respond(CoapCode.InternalServerError, 1, s_dpsSteps);
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice());

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(service.DpsRequestCounts(), Is.EqualTo(new long[] { 6, 5, 4, 3, 2 }), "time, owner, cloud, credentials, acls");
            Assert.That(device.DpsHistory.Count(e => e.Status.HasFlag(DpsStatus.Failure) && !e.PreviousStatus.HasFlag(DpsStatus.Failure)), Is.EqualTo(5));
        });
    }

    // 5.03 is transient: a step is retried on its own until the third transient failure in a row,
    // which forces full re-provisioning.
    [Test]
    [CancelAfter(40_000)]
    public async Task Start_EveryStepFailsThreeTimesWith503_RequestCountsEndAt87654(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        service.Respond(CoapCode.ServiceUnavailable, 3, s_dpsSteps);
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice());

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(service.DpsRequestCounts(), Is.EqualTo(new long[] { 8, 7, 6, 5, 4 }), "time, owner, cloud, credentials, acls");
            Assert.That(device.DpsHistory.Any(e => e.Status.HasFlag(DpsStatus.TransientFailure)), Is.True);
            Assert.That(device.DpsHistory.Any(e => e.Status.HasFlag(DpsStatus.Failure)), Is.False, "5.03 is never a permanent failure");
        });
    }

    // The service closes the connection instead of answering: the client sees the connection
    // closed (permanent, forced re-provisioning) and provisions on the retry.
    [TestCase("time", new long[] { 2, 1, 1, 1, 1 })]
    [TestCase("credentials", new long[] { 2, 2, 2, 2, 1 })]
    [CancelAfter(20_000)]
    public async Task Start_ConnectionDroppedDuringStep_RetriesAndProvisions(string step, long[] expectedCounts, CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        service.Arm($$"""[{"step": "{{step}}", "kind": "drop", "count": 1}]""");
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice());

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(service.DpsRequestCounts(), Is.EqualTo(expectedCounts), "time, owner, cloud, credentials, acls");
            Assert.That(device.DpsHistory.Any(e => (e.Status & DpsStatus.ErrorFlags) != 0), Is.True, "the drop was seen as a failure");
        });
    }

    // plgd does not retry when the cloud configuration cannot be applied (PROTOCOL §2.6 quirk);
    // this client retries like any other step (a permanent failure: full re-provisioning).
    [Test]
    [CancelAfter(20_000)]
    public async Task Start_CloudConfigurationCannotBeApplied_RetriesAndProvisions(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        service.Arm("""[{"step": "cloud-configuration", "kind": "malformed-cbor", "count": 1}]""");
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice());

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(service.DpsRequestCounts(), Is.EqualTo(new long[] { 2, 2, 2, 1, 1 }), "time, owner, cloud, credentials, acls");
            Assert.That(device.DpsHistory.Any(e => e.Status.HasFlag(DpsStatus.Failure) && e.LastError == DpsError.Response), Is.True);
        });
    }
}
