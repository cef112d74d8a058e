using System.Globalization;

namespace Dps.LoadTest.Common;

/// <summary>Nearest-rank percentiles and the table cells made of them.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank <paramref name="p"/>th percentile (0–100); NaN for no values.</summary>
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>A number with <paramref name="decimals"/> decimals, or <c>n/a</c>.</summary>
    public static string Format(double value, int decimals = 0) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
