using System.Globalization;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Running;
using Dps.Benchmarks.Provisioning;

namespace Dps.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g.
/// <c>dotnet run -c Release --project tests/Dps.Benchmarks -- --filter '*Codec*' --job short</c>.
/// Benchmarks live in one folder per src project (<c>Coap/</c>, <c>Security/</c>, <c>Ocf/</c>, …), one
/// <c>[MemoryDiagnoser]</c> class per subject named <c>&lt;Subject&gt;Benchmarks</c>; they are found by reflection.
/// The end-to-end provisioning latency (<see cref="ProvisioningLatency"/>, a measured loop) runs first
/// when a <c>--filter</c> pattern matches its name; <c>--provisioning-iterations N</c> sets its sample count.
/// </summary>
internal static class Program
{
    private static async Task Main(string[] args)
    {
        var rest = new List<string>();
        var iterations = ProvisioningLatency.DefaultIterations;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == ProvisioningLatency.IterationsOption && i + 1 < args.Length)
            {
                iterations = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var filters = Filters(rest);
        if (filters.Any(f => Matches(f, ProvisioningLatency.Name)))
        {
            await ProvisioningLatency.RunAsync(iterations, Console.Out);
            if (filters.All(f => f.Contains("Provisioning", StringComparison.Ordinal)))
            {
                return;
            }
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest]);
    }

    // The patterns after --filter (BenchmarkDotNet's syntax: one or more globs).
    private static List<string> Filters(List<string> args)
    {
        var filters = new List<string>();
        var index = args.IndexOf("--filter");
        for (var i = index + 1; index >= 0 && i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal); i++)
        {
            filters.Add(args[i]);
        }

        return filters;
    }

    private static bool Matches(string glob, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
