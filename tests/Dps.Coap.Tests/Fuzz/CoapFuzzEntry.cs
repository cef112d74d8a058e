using Dps.Fuzz;

namespace Dps.Coap.Tests.Fuzz;

/// <summary>Runs the Dps.Coap fuzz targets for the Dps.Fuzz console.</summary>
public static class CoapFuzzEntry
{
    /// <returns>The number of failing inputs.</returns>
    public static long Run(long? inputs, double? secondsPerTarget, int seed, string? filter, TextWriter output) =>
        FuzzConsole.Run(CoapFuzzTargets.All(), inputs, secondsPerTarget, seed, filter, output);

    /// <summary>How many targets <see cref="Run"/> runs without a filter.</summary>
    public static int TargetCount => CoapFuzzTargets.All().Count();
}
