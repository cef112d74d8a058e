using System.Globalization;

namespace Dps.Fuzz;

/// <summary>Runs a project's targets for the console and prints one line per target plus its findings.</summary>
internal static class FuzzConsole
{
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(2);

    /// <returns>The number of failing inputs.</returns>
    public static long Run(IEnumerable<FuzzTarget> targets, long? inputs, double? secondsPerTarget, int seed, string? filter, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(output);
        long failures = 0;
        foreach (var target in targets)
        {
            if (filter is not null && !target.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var duration = secondsPerTarget is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var report = FuzzRunner.Run(target, inputs, duration, seed, SlowInput);
            failures += report.TotalFailures;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Target,-48} inputs {report.Executed,10}  rejected {report.Rejected,10}  failures {report.TotalFailures}"));
            foreach (var failure in report.Failures)
            {
                output.WriteLine("  FAILURE " + failure);
            }
        }

        return failures;
    }
}
