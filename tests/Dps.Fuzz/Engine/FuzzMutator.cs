using System.Text;

namespace Dps.Fuzz;

/// <summary>
/// Seeded mutations of seed inputs: bit flips, byte insert/delete/replace, truncation, splicing, and
/// CBOR- or text-aware ones. The same seed and target give the same input sequence.
/// </summary>
internal sealed class FuzzMutator
{
    private const int MaxInputLength = 64 * 1024;
    private const int DeepNesting = 10_000;

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1F, 0x3A, 0xF6];

    private static readonly byte[][] HugeCborHeads =
    [
        [0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0x9B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0xBB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0x5A, 0x7F, 0xFF, 0xFF, 0xFF],
        [0x7A, 0x7F, 0xFF, 0xFF, 0xFF],
        [0x9A, 0x7F, 0xFF, 0xFF, 0xFF],
        [0xBA, 0x7F, 0xFF, 0xFF, 0xFF],
        [0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0x3B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0xC1, 0xFB, 0x7F, 0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
        [0xFB, 0x7F, 0xF8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
    ];

    private static readonly string[] InterestingText =
    [
        "\0", "\n", "\r\n", "\t", " ", ":", ";", ",", "\"", "'", "-", "=", "{", "}", "[", "]", "#", "&", "*", "!",
        "-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n", "-----BEGIN EC PRIVATE KEY-----\n",
        "-----END EC PRIVATE KEY-----\n", "-----BEGIN CERTIFICATE REQUEST-----\n", "-----END CERTIFICATE REQUEST-----\n",
        "99999999999999999999999", "-1", "0", "NaN", "1e308", "\u00FF", "\uFFFD", "\uD800", "%s", "..", "/",
        "!!binary", "&a", "*a", "<<: *a", "? ", "|\n", ">\n", "---\n", "...\n", "%YAML 1.2\n",
    ];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly FuzzInputKind _kind;

    public FuzzMutator(IReadOnlyList<byte[]> seeds, FuzzInputKind kind, int seed)
    {
        _seeds = seeds;
        _kind = kind;
        _random = new Random(seed);
    }

    /// <summary>The next input: a seed with 1 to 4 stacked mutations.</summary>
    public byte[] Next()
    {
        var data = new List<byte>(_seeds[_random.Next(_seeds.Count)]);
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            Mutate(data);
            if (data.Count > MaxInputLength)
            {
                data.RemoveRange(MaxInputLength, data.Count - MaxInputLength);
            }
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        var structured = _kind switch
        {
            FuzzInputKind.Cbor => 6,
            FuzzInputKind.Text => 4,
            _ => 0,
        };
        var choice = _random.Next(9 + structured);
        if (choice >= 9)
        {
            if (_kind == FuzzInputKind.Cbor)
            {
                MutateCbor(data, choice - 9);
            }
            else
            {
                MutateText(data, choice - 9);
            }

            return;
        }

        switch (choice)
        {
            case 0 when data.Count > 0:
                var bit = _random.Next(data.Count * 8);
                data[bit / 8] ^= (byte)(1 << (bit % 8));
                break;
            case 1 when data.Count > 0:
                data[_random.Next(data.Count)] = (byte)_random.Next(256);
                break;
            case 2 when data.Count > 0:
                data[_random.Next(data.Count)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 3:
                data.Insert(_random.Next(data.Count + 1), (byte)_random.Next(256));
                break;
            case 4 when data.Count > 0:
                var start = _random.Next(data.Count);
                data.RemoveRange(start, _random.Next(1, Math.Min(16, data.Count - start) + 1));
                break;
            case 5 when data.Count > 0:
                var keep = _random.Next(data.Count);
                data.RemoveRange(keep, data.Count - keep);
                break;
            case 6:
                Splice(data);
                break;
            case 7 when data.Count > 0:
                var from = _random.Next(data.Count);
                var length = _random.Next(1, Math.Min(64, data.Count - from) + 1);
                data.InsertRange(_random.Next(data.Count + 1), data.GetRange(from, length));
                break;
            default:
                data.Insert(_random.Next(data.Count + 1), InterestingBytes[_random.Next(InterestingBytes.Length)]);
                break;
        }
    }

    private void Splice(List<byte> data)
    {
        var other = _seeds[_random.Next(_seeds.Count)];
        var cut = _random.Next(data.Count + 1);
        var otherCut = _random.Next(other.Length + 1);
        data.RemoveRange(cut, data.Count - cut);
        data.AddRange(other.AsSpan(otherCut).ToArray());
    }

    private void MutateCbor(List<byte> data, int choice)
    {
        var at = _random.Next(data.Count + 1);
        switch (choice)
        {
            case 0 when data.Count > 0:
                // Change the major type of a byte, keeping its additional information.
                var index = _random.Next(data.Count);
                data[index] = (byte)((data[index] & 0x1F) | (_random.Next(8) << 5));
                break;
            case 1:
                data.InsertRange(at, HugeCborHeads[_random.Next(HugeCborHeads.Length)]);
                break;
            case 2:
                // 10,000 nested arrays or maps around the rest of the input.
                var head = _random.Next(3) switch { 0 => (byte)0x81, 1 => (byte)0x9F, _ => (byte)0xBF };
                var nest = new byte[DeepNesting];
                Array.Fill(nest, head);
                data.InsertRange(at, nest);
                break;
            case 3:
                // An indefinite-length item that is never terminated.
                data.Insert(at, (byte)(0x5F + (_random.Next(4) * 0x20)));
                if (data.Count > 0 && data[^1] == 0xFF)
                {
                    data.RemoveAt(data.Count - 1);
                }

                break;
            case 4:
                data.Insert(at, 0xFF);
                break;
            default:
                // A definite container head with a count larger than what follows.
                data.InsertRange(at, [(byte)(0x98 + (_random.Next(2) * 0x20)), (byte)_random.Next(256)]);
                break;
        }
    }

    private void MutateText(List<byte> data, int choice)
    {
        var at = _random.Next(data.Count + 1);
        switch (choice)
        {
            case 0:
                data.InsertRange(at, Encoding.UTF8.GetBytes(InterestingText[_random.Next(InterestingText.Length)]));
                break;
            case 1:
                data.Insert(at, (byte)_random.Next(0x20, 0x7F));
                break;
            case 2:
                // Duplicate a line.
                var text = Encoding.UTF8.GetString([.. data]);
                var lines = text.Split('\n');
                var line = lines[_random.Next(lines.Length)];
                data.InsertRange(at, Encoding.UTF8.GetBytes(line + "\n"));
                break;
            default:
                data.InsertRange(at, Enumerable.Repeat((byte)_random.Next(0x20, 0x7F), _random.Next(1, 4096)));
                break;
        }
    }
}
