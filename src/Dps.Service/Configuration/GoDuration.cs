using System.Globalization;

namespace Dps.Service.Configuration;

/// <summary>Durations written like Go's <c>time.ParseDuration</c> (<c>1h30m</c>, <c>10s</c>, <c>500ms</c>, <c>87600h</c>); a bare number means seconds.</summary>
internal static class GoDuration
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return TryFromTicks(bareSeconds * TimeSpan.TicksPerSecond, out duration);
        }

        double ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            long unit = s.AsSpan(unitStart, i - unitStart) switch
            {
                "h" => TimeSpan.TicksPerHour,
                "m" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ns" => 0,
                _ => -1,
            };
            if (unit < 0)
            {
                return false;
            }

            ticks += value * unit;
        }

        return TryFromTicks(ticks, out duration);
    }

    /// <summary>Formats like Go (<c>1h0m0s</c> style is not needed; e.g. <c>3600s</c>).</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 == 0
            ? ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static bool TryFromTicks(double ticks, out TimeSpan duration)
    {
        if (double.IsNaN(ticks) || ticks < 0 || ticks > TimeSpan.MaxValue.Ticks)
        {
            duration = TimeSpan.Zero;
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
