using System.Text.Json.Nodes;
using Dps.IntegrationTests.Harness;
using Dps.Ocf;
using Dps.Service.Faults;

namespace Dps.IntegrationTests.Faults;

/// <summary>
/// Every DPS step × every fault the service can inject, once: the device ends provisioned and logged
/// in, the per-step request counts are what PROTOCOL.md §3 predicts from how the fault is classified,
/// and every file the device stored loads back without a "corrupt" warning.
/// </summary>
[Category("Integration")]
[Parallelizable(ParallelScope.Children)]
public sealed class FaultMatrixTests
{
    private static readonly string[] s_steps = ["time", "ownership", "cloud-configuration", "credentials", "acls"];

    /// <summary>How the device classifies a fault (PROTOCOL.md §3.2).</summary>
    public enum Effect
    {
        /// <summary>No effect on the flow: every step runs once.</summary>
        Ignored,

        /// <summary>Transient (5.03, request timeout): the step alone is repeated.</summary>
        Transient,

        /// <summary>Permanent: forced full re-provisioning, every step up to the failed one runs twice.</summary>
        Permanent,
    }

    private static IEnumerable<TestCaseData> Cells()
    {
        foreach (var step in s_steps)
        {
            yield return Cell(step, """{"kind": "respond", "code": "5.03"}""", "5.03", Effect.Transient);
            yield return Cell(step, """{"kind": "respond", "code": "5.00"}""", "5.00", Effect.Permanent);
            yield return Cell(step, """{"kind": "respond", "code": "4.03"}""", "4.03", Effect.Permanent);
            yield return Cell(step, """{"kind": "no-response"}""", "no response", Effect.Transient);
            yield return Cell(step, """{"kind": "drop"}""", "dropped connection", Effect.Permanent);
            yield return Cell(step, """{"kind": "malformed-cbor"}""", "malformed CBOR", Effect.Permanent);
            yield return Cell(step, """{"kind": "extra-keys"}""", "extra keys", ExtraKeys(step));
            yield return Cell(step, """{"kind": "missing-keys"}""", "missing keys", MissingKeys(step));
            yield return Cell(step, """{"kind": "redirect-uri", "redirectUri": "@redirect"}""", "redirecturi", Redirect(step));
        }

        yield return Cell("credentials", """{"kind": "foreign-key-certificate"}""", "certificate for another key", Effect.Permanent);
        yield return Cell("credentials", """{"kind": "expired-certificate"}""", "expired certificate", Effect.Permanent);
    }

    // The owner answer must hold exactly devowneruuid (§2.5); time, cloud, credentials and ACL
    // readers skip keys they do not know.
    private static Effect ExtraKeys(string step) => step == "ownership" ? Effect.Permanent : Effect.Ignored;

    // Without its first key an answer is incomplete, except the ACL answer: without aclist2 it is an
    // empty acl2 update, which applies (§2.8 rejects only what is present and wrong).
    private static Effect MissingKeys(string step) => step == "acls" ? Effect.Ignored : Effect.Permanent;

    // §3.6: the time answer is not inspected; the owner step rejects the unknown key (and is retried
    // against the new endpoint); the other steps follow the redirect and go on.
    private static Effect Redirect(string step) => step == "ownership" ? Effect.Permanent : Effect.Ignored;

    private static TestCaseData Cell(string step, string fault, string name, Effect effect) =>
        new TestCaseData(step, fault, effect).SetArgDisplayNames(step, name, effect.ToString());

    [TestCaseSource(nameof(Cells))]
    [CancelAfter(60_000)]
    public async Task Provision_StepFailsOnce_ProvisionedWithPredictedCountsAndLoadableStore(string step, string fault, Effect effect, CancellationToken cancellationToken)
    {
        var storage = Directory.CreateTempSubdirectory("dps-matrix-");
        try
        {
            await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
            var redirect = service.DpsUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
            var rule = JsonNode.Parse(fault.Replace("@redirect", redirect, StringComparison.Ordinal))!.AsObject();
            rule["step"] = step;
            rule["count"] = 1;
            service.Arm(new JsonArray(rule).ToJsonString());
            var credentials = service.IssueDevice();
            await using (var device = DeviceUnderTest.Create(service, credentials, store: new DirectoryOcfStore(storage.FullName)))
            {
                device.Start();
                await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

                Assert.Multiple(() =>
                {
                    Assert.That(service.DpsRequestCounts(), Is.EqualTo(Expected(step, effect)), "time, owner, cloud, credentials, acls");
                    Assert.That(service.Host.Faults.Snapshot(), Is.Empty, "the fault was used");
                });
            }

            StoredFiles.AssertLoadable(storage.FullName);
        }
        finally
        {
            storage.Delete(recursive: true);
        }
    }

    private static long[] Expected(string step, Effect effect)
    {
        var failed = Array.IndexOf(s_steps, step);
        return [.. Enumerable.Range(0, s_steps.Length).Select(j => effect switch
        {
            Effect.Permanent when j <= failed => 2L,
            Effect.Transient when j == failed => 2L,
            _ => 1L,
        })];
    }
}
