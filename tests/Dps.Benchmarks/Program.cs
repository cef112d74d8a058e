using BenchmarkDotNet.Running;

namespace Dps.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g.
/// <c>dotnet run -c Release --project tests/Dps.Benchmarks -- --filter '*Codec*' --job short</c>.
/// Benchmarks live in one folder per src project (<c>Coap/</c>, <c>Security/</c>, <c>Ocf/</c>, …), one
/// <c>[MemoryDiagnoser]</c> class per subject named <c>&lt;Subject&gt;Benchmarks</c>; they are found by reflection.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
