namespace Dps.Client;

/// <summary>
/// The DPS values carried in a DHCP vendor-encapsulated options payload (option 43; PROTOCOL.md §5):
/// TLV records <c>code(1) | length(1) | value(length)</c>.
/// </summary>
public sealed class DpsVendorEncapsulatedOptions
{
    private DpsVendorEncapsulatedOptions(byte[]? endpoint, byte[]? fingerprint, byte[]? hashName)
    {
        // A null array (and the null literal) converts to an empty, non-null memory: keep "absent" distinct.
        EndpointBytes = ToOptional(endpoint);
        CertificateFingerprint = ToOptional(fingerprint);
        HashNameBytes = ToOptional(hashName);
    }

    /// <summary>The raw value of the endpoint option, or <see langword="null"/> when absent.</summary>
    public ReadOnlyMemory<byte>? EndpointBytes { get; }

    /// <summary>The endpoint URI (ASCII), or <see langword="null"/> when absent.</summary>
    public string? Endpoint => EndpointBytes is { } bytes ? System.Text.Encoding.ASCII.GetString(bytes.Span) : null;

    /// <summary>The raw fingerprint digest, or <see langword="null"/> when absent.</summary>
    public ReadOnlyMemory<byte>? CertificateFingerprint { get; }

    /// <summary>The raw value of option 202 (hash name), or <see langword="null"/> when absent.</summary>
    public ReadOnlyMemory<byte>? HashNameBytes { get; }

    /// <summary>The fingerprint hash name (e.g. <c>SHA256</c>), or <see langword="null"/> when absent.</summary>
    public string? HashName => HashNameBytes is { } bytes ? System.Text.Encoding.ASCII.GetString(bytes.Span) : null;

    /// <summary>
    /// Parses the TLV records. Parsing stops when fewer than 2 bytes remain. The whole parse fails on a
    /// length running past the end, a zero length or any code other than the three DPS codes.
    /// A later record of the same code replaces an earlier one.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> data,
        byte endpointCode,
        byte certificateFingerprintCode,
        out DpsVendorEncapsulatedOptions? options)
    {
        options = null;
        byte[]? endpoint = null;
        byte[]? fingerprint = null;
        byte[]? hashName = null;
        var i = 0;
        while (i + 1 < data.Length)
        {
            var code = data[i];
            var length = data[i + 1];
            if (length == 0 || length > data.Length - (i + 2))
            {
                return false;
            }
            var value = data.Slice(i + 2, length).ToArray();
            if (code == endpointCode)
            {
                endpoint = value;
            }
            else if (code == certificateFingerprintCode)
            {
                fingerprint = value;
            }
            else if (code == DpsDhcp.CertificateFingerprintHashNameOptionCode)
            {
                hashName = value;
            }
            else
            {
                return false;
            }
            i += 2 + length;
        }
        options = new DpsVendorEncapsulatedOptions(endpoint, fingerprint, hashName);
        return true;
    }

    private static ReadOnlyMemory<byte>? ToOptional(byte[]? value)
    {
        ReadOnlyMemory<byte>? result = default;
        if (value is not null)
        {
            result = value;
        }
        return result;
    }
}
