namespace Dps.Fuzz;

/// <summary>What one fuzz run of a target did.</summary>
internal sealed record FuzzReport(string Target, long Executed, long Rejected, long TotalFailures, IReadOnlyList<FuzzFailure> Failures)
{
    public override string ToString() =>
        $"{Target}: {Executed} inputs, {Rejected} rejected, {TotalFailures} failures";
}
