using Dps.Fuzz;

namespace Dps.Ocf.Tests.Fuzz;

/// <summary>
/// Every Dps.Ocf parser over its seeds and seeded mutations: it returns (accepted or a failure
/// value) or throws its documented format exception, allocates boundedly, and the whole run ends
/// before the cancellation guard fires.
/// </summary>
public sealed class OcfFuzzTargetsTests
{
    private const int Seed = 20261122;

    private static IEnumerable<string> TargetNames() => OcfFuzzTargets.All().Select(t => t.Name);

    [TestCaseSource(nameof(TargetNames))]
    [CancelAfter(120_000)]
    public void Run_SeedsAndMutations_OnlyDocumentedOutcomes(string name, CancellationToken cancellationToken)
    {
        var target = OcfFuzzTargets.All().Single(t => t.Name == name);

        var report = FuzzRunner.Run(target, target.UnitTestInputs, duration: null, Seed, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(report.Executed, Is.EqualTo(target.UnitTestInputs));
            Assert.That(report.Failures, Is.Empty, () => string.Join("\n", report.Failures));
        });
    }
}
