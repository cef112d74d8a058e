using System.Security.Cryptography;

namespace Dps.Security.Internal;

/// <summary>Splits PEM text (RFC 7468) into its blocks.</summary>
internal static class PemReader
{
    /// <summary>
    /// Returns every PEM block in <paramref name="pem"/> in order. Text between blocks is ignored.
    /// </summary>
    /// <exception cref="PemFormatException">A block's base64 body is invalid.</exception>
    public static List<PemBlock> ReadBlocks(string pem, string what)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var blocks = new List<PemBlock>();
        ReadOnlySpan<char> rest = pem;
        while (!rest.IsEmpty)
        {
            if (!PemEncoding.TryFind(rest, out PemFields fields))
            {
                if (rest.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0)
                {
                    throw new PemFormatException(
                        $"{what}: PEM block #{blocks.Count + 1} is malformed (bad armor, mismatched END label or invalid base64).");
                }

                break;
            }

            string label = rest[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out int written))
            {
                throw new PemFormatException($"{what}: PEM block #{blocks.Count + 1} ('{label}') has invalid base64.");
            }

            blocks.Add(new PemBlock(label, written == der.Length ? der : der.AsSpan(0, written).ToArray()));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }

    /// <summary>Encodes DER bytes as one PEM block with 64-column lines and a trailing newline.</summary>
    public static string Write(string label, ReadOnlySpan<byte> der)
    {
        return string.Concat(new string(PemEncoding.Write(label, der)), "\n");
    }
}
