using Dps.Fuzz;

namespace Dps.Coap.Tests.Fuzz;

/// <summary>
/// The CoAP frame reader and connection over their seeds and seeded mutations: only messages or
/// <see cref="CoapFormatException"/>, connections that always end, bounded allocation.
/// </summary>
public sealed class CoapFuzzTargetsTests
{
    private const int Seed = 20261122;

    private static IEnumerable<string> TargetNames() => CoapFuzzTargets.All().Select(t => t.Name);

    [TestCaseSource(nameof(TargetNames))]
    [CancelAfter(120_000)]
    public void Run_SeedsAndMutations_OnlyDocumentedOutcomes(string name, CancellationToken cancellationToken)
    {
        var target = CoapFuzzTargets.All().Single(t => t.Name == name);

        var report = FuzzRunner.Run(target, target.UnitTestInputs, duration: null, Seed, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(report.Executed, Is.EqualTo(target.UnitTestInputs));
            Assert.That(report.Failures, Is.Empty, () => string.Join("\n", report.Failures));
        });
    }
}
