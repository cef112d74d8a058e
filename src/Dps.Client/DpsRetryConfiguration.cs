using System.Globalization;

namespace Dps.Client;

/// <summary>
/// The DPS retry configuration (<c>plgd_dps_set_retry_configuration</c>, PROTOCOL.md §3.1): 1–8 values
/// of 1–255 seconds. Value <c>c</c> is the request timeout of attempt <c>c</c>; the wait after a
/// failed attempt is derived from it. Immutable.
/// </summary>
public sealed class DpsRetryConfiguration : IEquatable<DpsRetryConfiguration>
{
    /// <summary><c>PLGD_DPS_MAX_RETRY_VALUES_SIZE</c>: at most 8 values.</summary>
    public const int MaxValues = 8;

    /// <summary>The largest value, in seconds (the C API stores <c>uint8_t</c>).</summary>
    public const int MaxSeconds = 255;

    private readonly byte[] _seconds;

    /// <summary>Creates a configuration; every value must be 1–255 seconds, 1–8 values.</summary>
    /// <exception cref="ArgumentException">The list is empty, longer than 8 or holds a value outside 1–255.</exception>
    public DpsRetryConfiguration(params ReadOnlySpan<int> seconds)
    {
        if (seconds.IsEmpty)
        {
            throw new ArgumentException("The retry configuration needs at least one value.", nameof(seconds));
        }
        if (seconds.Length > MaxValues)
        {
            throw new ArgumentException(
                $"The retry configuration holds at most {MaxValues} values, got {seconds.Length}.", nameof(seconds));
        }
        _seconds = new byte[seconds.Length];
        for (var i = 0; i < seconds.Length; i++)
        {
            if (seconds[i] < 1 || seconds[i] > MaxSeconds)
            {
                throw new ArgumentException(
                    $"Retry value {i} is {seconds[i]} s; every value must be 1–{MaxSeconds} s.", nameof(seconds));
            }
            _seconds[i] = (byte)seconds[i];
        }
    }

    /// <summary>The default <c>[10, 20, 40, 80, 120]</c> seconds.</summary>
    public static DpsRetryConfiguration Default { get; } = new(10, 20, 40, 80, 120);

    /// <summary>The number of values (the attempts per endpoint).</summary>
    public int Count => _seconds.Length;

    /// <summary>The values in seconds.</summary>
    public IReadOnlyList<int> Seconds => Array.ConvertAll(_seconds, static s => (int)s);

    /// <summary>The request timeout of attempt <paramref name="index"/>.</summary>
    public TimeSpan this[int index] => TimeSpan.FromSeconds(_seconds[index]);

    /// <summary>Parses the command-line form <c>1,2,4,8,16</c> (spaces allowed).</summary>
    /// <exception cref="FormatException">A value is not an integer.</exception>
    /// <exception cref="ArgumentException">The values break the rules of the constructor.</exception>
    public static DpsRetryConfiguration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > MaxValues)
        {
            throw new ArgumentException(
                $"The retry configuration holds at most {MaxValues} values, got {parts.Length}.", nameof(text));
        }
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new FormatException($"Retry value '{parts[i]}' is not a whole number of seconds.");
            }
        }
        return new DpsRetryConfiguration(values);
    }

    /// <inheritdoc/>
    public bool Equals(DpsRetryConfiguration? other) =>
        other is not null && _seconds.AsSpan().SequenceEqual(other._seconds);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DpsRetryConfiguration);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_seconds);
        return hash.ToHashCode();
    }

    /// <summary>The command-line form, e.g. <c>10,20,40,80,120</c>.</summary>
    public override string ToString() => string.Join(',', _seconds);
}
