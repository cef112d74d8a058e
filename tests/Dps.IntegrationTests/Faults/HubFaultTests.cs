using System.Text.Json.Nodes;
using Dps.IntegrationTests.Harness;
using Dps.Ocf.Cloud;
using Dps.Service.Faults;

namespace Dps.IntegrationTests.Faults;

/// <summary>
/// The hub side of the fault matrix: sign-up and sign-in failing once in every way the service can
/// fail them, and hub restarts. The device always ends logged in; only a sign-up refused for good
/// makes it provision again.
/// </summary>
[Category("Integration")]
[Parallelizable(ParallelScope.Children)]
public sealed class HubFaultTests
{
    private static readonly long[] s_provisionedOnce = [1, 1, 1, 1, 1];
    private static readonly long[] s_reprovisioned = [2, 2, 2, 2, 2];

    private static IEnumerable<TestCaseData> Cells()
    {
        foreach (var step in new[] { "hub-signup", "hub-signin" })
        {
            // PROTOCOL.md §7.5: a sign-up answered with an error other than the connection class
            // fails the cloud manager for good; the DPS cloud observer then re-provisions (§3.5).
            // §7.6: a failed sign-in (other than 4.01) reconnects and signs in again.
            var permanent = step == "hub-signup" ? s_reprovisioned : s_provisionedOnce;
            yield return new TestCaseData(step, """{"kind": "respond", "code": "5.03"}""", s_provisionedOnce).SetArgDisplayNames(step, "5.03");
            yield return new TestCaseData(step, """{"kind": "respond", "code": "5.00"}""", permanent).SetArgDisplayNames(step, "5.00");
            yield return new TestCaseData(step, """{"kind": "respond", "code": "4.03"}""", permanent).SetArgDisplayNames(step, "4.03");
            yield return new TestCaseData(step, """{"kind": "drop"}""", s_provisionedOnce).SetArgDisplayNames(step, "dropped connection");
            yield return new TestCaseData(step, """{"kind": "no-response"}""", s_provisionedOnce).SetArgDisplayNames(step, "no response");
        }
    }

    [TestCaseSource(nameof(Cells))]
    [CancelAfter(60_000)]
    public async Task Provision_HubStepFailsOnce_LoggedInAsPredicted(string step, string fault, long[] dpsCounts, CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var rule = JsonNode.Parse(fault)!.AsObject();
        rule["step"] = step;
        rule["count"] = 1;
        service.Arm(new JsonArray(rule).ToJsonString());
        // The observer gives the cloud manager 8 s (not 30) before it re-provisions: more than a
        // no-response sign-up or sign-in takes (2 s timeout, then the retry).
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice(), o => o.CloudObserver.MaxCount = 8);

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);
        var hubDevice = await service.GetHubDeviceAsync(device.DeviceId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(service.DpsRequestCounts(), Is.EqualTo(dpsCounts), "time, owner, cloud, credentials, acls");
            Assert.That(service.Host.Faults.Snapshot(), Is.Empty, "the fault was used");
            Assert.That(service.RequestCount(step == "hub-signup" ? FaultStep.HubSignUp : FaultStep.HubSignIn), Is.EqualTo(2), "the failed request and its retry");
            Assert.That(hubDevice?.LoggedIn, Is.True);
        });
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task HubRestart_ThreeTimes_DeviceSignsInAgainWithoutReprovisioning(CancellationToken cancellationToken)
    {
        const int Restarts = 3;
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice());
        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);
        var signInsBefore = service.RequestCount(FaultStep.HubSignIn);

        for (var i = 0; i < Restarts; i++)
        {
            var seen = device.CloudHistory.Count;
            await service.Host.RestartHubAsync(cancellationToken);

            // Logged out by the restart, then logged in again.
            await device.WaitAsync(() => device.CloudHistory.Skip(seen).SkipWhile(s => (s & CloudStatus.LoggedIn) != 0).Any(s => (s & CloudStatus.LoggedIn) != 0), cancellationToken);
        }

        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);
        var hubDevice = await service.GetHubDeviceAsync(device.DeviceId, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(service.DpsRequestCounts(), Is.EqualTo(s_provisionedOnce), "time, owner, cloud, credentials, acls");
            Assert.That(service.RequestCount(FaultStep.HubSignIn) - signInsBefore, Is.EqualTo(Restarts), "one sign-in per restart");
            Assert.That(service.RequestCount(FaultStep.HubSignUp), Is.EqualTo(1), "registered once");
            Assert.That(hubDevice?.LoggedIn, Is.True);
        });
    }
}
