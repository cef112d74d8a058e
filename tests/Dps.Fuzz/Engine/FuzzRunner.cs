using System.Diagnostics;

namespace Dps.Fuzz;

/// <summary>Runs a target over its seeds and then mutated inputs, and collects the findings.</summary>
internal static class FuzzRunner
{
    private const int KeptFailures = 5;

    /// <summary>
    /// Runs the seeds, then mutated inputs until <paramref name="maxInputs"/> or
    /// <paramref name="duration"/> (whichever is given and comes first), or until cancelled.
    /// </summary>
    /// <param name="target">The target.</param>
    /// <param name="maxInputs">The most inputs to run (seeds included), or null for no count limit.</param>
    /// <param name="duration">How long to run, or null (then <paramref name="maxInputs"/> is required).</param>
    /// <param name="seed">The mutator seed; a run is reproducible from it.</param>
    /// <param name="slowInput">An input taking longer than this is a finding (console runs only), or null.</param>
    /// <param name="cancellationToken">Stops the run between inputs.</param>
    public static FuzzReport Run(
        FuzzTarget target,
        long? maxInputs,
        TimeSpan? duration,
        int seed,
        TimeSpan? slowInput = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (maxInputs is null && duration is null)
        {
            throw new ArgumentException("Give a count or a duration.", nameof(maxInputs));
        }

        var mutator = new FuzzMutator(target.Seeds, target.Kind, unchecked((seed * 31) + StableHash(target.Name)));
        var failures = new List<FuzzFailure>();
        long executed = 0;
        long rejected = 0;
        long totalFailures = 0;
        var clock = Stopwatch.StartNew();
        while ((maxInputs is null || executed < maxInputs) && (duration is null || clock.Elapsed < duration))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = executed < target.Seeds.Count ? target.Seeds[(int)executed] : mutator.Next();
            var outcome = RunOne(target, input, slowInput, out var reason);
            executed++;
            if (outcome == Outcome.Rejected)
            {
                rejected++;
            }
            else if (outcome == Outcome.Failed)
            {
                totalFailures++;
                if (failures.Count < KeptFailures)
                {
                    failures.Add(new FuzzFailure(input, reason!));
                }
            }
        }

        return new FuzzReport(target.Name, executed, rejected, totalFailures, failures);
    }

    /// <summary>Runs one input; the reason is set for a failure.</summary>
    public static Outcome RunOne(FuzzTarget target, byte[] input, TimeSpan? slowInput, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(target);
        reason = null;
        var started = Stopwatch.GetTimestamp();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var outcome = Outcome.Accepted;
        try
        {
            target.Execute(input);
        }
        catch (Exception ex) when (target.IsAllowed(ex))
        {
            outcome = Outcome.Rejected;
        }
        catch (Exception ex)
        {
            reason = ex.ToString();
            return Outcome.Failed;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (allocated > target.MaxAllocatedBytesPerInput)
        {
            reason = $"allocated {allocated} bytes (limit {target.MaxAllocatedBytesPerInput})";
            return Outcome.Failed;
        }

        if (slowInput is { } limit && Stopwatch.GetElapsedTime(started) > limit)
        {
            reason = $"took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms (limit {limit.TotalMilliseconds:F0} ms)";
            return Outcome.Failed;
        }

        return outcome;
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    /// <summary>How one input ended.</summary>
    public enum Outcome
    {
        Accepted,
        Rejected,
        Failed,
    }
}
