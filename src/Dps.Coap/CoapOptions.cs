using System.Collections;
using System.Text;
using Dps.Coap.Framing;

namespace Dps.Coap;

/// <summary>
/// The options of a message, held in their wire form (sorted by number, delta-encoded). Reading
/// walks the bytes and allocates nothing; option values are slices of the message's buffer.
/// </summary>
public readonly struct CoapOptions : IEnumerable<CoapOption>
{
    private readonly ReadOnlyMemory<byte> _encoded;

    private CoapOptions(ReadOnlyMemory<byte> encoded) => _encoded = encoded;

    /// <summary>Longest option value the wire form can carry (a 2-byte extended length: 65535 + 269).</summary>
    public const int MaxValueLength = ushort.MaxValue + 269;

    /// <summary>No options.</summary>
    public static CoapOptions None => default;

    /// <summary>The options in wire form (without payload marker).</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>True when there are no options.</summary>
    public bool IsEmpty => _encoded.IsEmpty;

    /// <summary>Number of options.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (var _ in this)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>Wraps a validated wire-form option region.</summary>
    internal static CoapOptions FromValidated(ReadOnlyMemory<byte> encoded) => new(encoded);

    /// <summary>Parses a wire-form option region (no payload marker allowed).</summary>
    /// <exception cref="CoapFormatException">The bytes are not a valid option region.</exception>
    public static CoapOptions Parse(ReadOnlyMemory<byte> encoded)
    {
        int length = CoapOptionCodec.Validate(encoded.Span, out int payloadStart);
        if (length != encoded.Length || payloadStart != encoded.Length)
        {
            throw new CoapFormatException("An option region must not contain a payload marker.");
        }

        return new CoapOptions(encoded);
    }

    /// <summary>Encodes options into wire form, ordered by number (stable for repeated options).</summary>
    /// <exception cref="ArgumentException">A value is longer than <see cref="MaxValueLength"/>.</exception>
    public static CoapOptions Create(IEnumerable<CoapOption>? options)
    {
        if (options is null)
        {
            return None;
        }

        var sorted = options.ToArray();
        if (sorted.Length == 0)
        {
            return None;
        }

        // Stable insertion sort: repeated options keep their insertion order, and the usual
        // handful of options arrives nearly sorted.
        for (int i = 1; i < sorted.Length; i++)
        {
            var option = sorted[i];
            int j = i - 1;
            while (j >= 0 && sorted[j].Number > option.Number)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            sorted[j + 1] = option;
        }

        int size = 0;
        int previous = 0;
        foreach (var option in sorted)
        {
            if (option.Value.Length > MaxValueLength)
            {
                throw new ArgumentException($"Option {option.Number} value of {option.Value.Length} bytes exceeds {MaxValueLength}.", nameof(options));
            }

            size += CoapOptionCodec.EncodedLength(option.Number - previous, option.Value.Length);
            previous = option.Number;
        }

        var buffer = new byte[size];
        int position = 0;
        previous = 0;
        foreach (var option in sorted)
        {
            position += CoapOptionCodec.WriteOne(buffer.AsSpan(position), option.Number - previous, option.Value.Span);
            previous = option.Number;
        }

        return new CoapOptions(buffer);
    }

    /// <summary>The first option with this number.</summary>
    public bool TryGet(ushort number, out CoapOption option)
    {
        foreach (var candidate in this)
        {
            if (candidate.Number == number)
            {
                option = candidate;
                return true;
            }

            if (candidate.Number > number)
            {
                break;
            }
        }

        option = default;
        return false;
    }

    /// <summary>True when an option with this number is present.</summary>
    public bool Contains(ushort number) => TryGet(number, out _);

    /// <summary>The first option with this number as a uint, or null when absent.</summary>
    /// <exception cref="CoapFormatException">The value is longer than 4 bytes.</exception>
    public uint? GetUInt(ushort number) => TryGet(number, out var option) ? option.GetUInt() : null;

    /// <summary>The first option with this number as text, or null when absent.</summary>
    public string? GetString(ushort number) => TryGet(number, out var option) ? option.GetString() : null;

    /// <summary>Every value of a repeatable text option, in order.</summary>
    public IReadOnlyList<string> GetStrings(ushort number)
    {
        List<string>? result = null;
        foreach (var option in this)
        {
            if (option.Number == number)
            {
                (result ??= []).Add(option.GetString());
            }
            else if (option.Number > number)
            {
                break;
            }
        }

        return (IReadOnlyList<string>?)result ?? [];
    }

    /// <summary>Repeated text options joined with a separator and a leading one (<c>/a/b</c>), or the separator alone.</summary>
    public string Join(ushort number, char separator)
    {
        var builder = new StringBuilder();
        foreach (var option in this)
        {
            if (option.Number == number)
            {
                builder.Append(separator).Append(option.GetString());
            }
            else if (option.Number > number)
            {
                break;
            }
        }

        return builder.Length == 0 ? separator.ToString() : builder.ToString();
    }

    /// <summary>Allocation-free enumerator.</summary>
    public Enumerator GetEnumerator() => new(_encoded);

    IEnumerator<CoapOption> IEnumerable<CoapOption>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the wire form.</summary>
    public struct Enumerator : IEnumerator<CoapOption>
    {
        private readonly ReadOnlyMemory<byte> _encoded;
        private int _position;
        private int _number;

        internal Enumerator(ReadOnlyMemory<byte> encoded)
        {
            _encoded = encoded;
            _position = 0;
            _number = 0;
            Current = default;
        }

        /// <inheritdoc />
        public CoapOption Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext()
        {
            if (_position >= _encoded.Length)
            {
                return false;
            }

            _position = CoapOptionCodec.ReadOne(_encoded.Span, _position, ref _number, out int start, out int length);
            Current = new CoapOption((ushort)_number, _encoded.Slice(start, length));
            return true;
        }

        /// <inheritdoc />
        public void Reset()
        {
            _position = 0;
            _number = 0;
            Current = default;
        }

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
