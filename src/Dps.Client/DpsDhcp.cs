using System.Security.Cryptography;

namespace Dps.Client;

/// <summary>
/// DHCP vendor-encapsulated options for DPS (PROTOCOL.md §5): hex strings of isc-dhclient lease files
/// and applying the endpoint / certificate fingerprint they carry.
/// </summary>
public static class DpsDhcp
{
    /// <summary>Default sub-option code of the DPS endpoint URI (200).</summary>
    public const byte DefaultEndpointOptionCode = 200;

    /// <summary>Default sub-option code of the DPS server certificate fingerprint (201).</summary>
    public const byte DefaultCertificateFingerprintOptionCode = 201;

    /// <summary>Fixed sub-option code of the fingerprint hash name (202).</summary>
    public const byte CertificateFingerprintHashNameOptionCode = 202;

    /// <summary>The most bytes of vendor-encapsulated options taken from a lease file.</summary>
    public const int MaxVendorEncapsulatedOptionsLength = 512;

    /// <summary>
    /// Converts an isc-dhclient hex string (<c>"01:a:3:14"</c>, 1 or 2 hex digits per byte with
    /// colons, or <c>"010a0314"</c>, pairs without separators; any case) to bytes, like
    /// <c>plgd_dps_hex_string_to_bytes</c>. Writes at most <c>buffer.Length</c> bytes.
    /// </summary>
    /// <returns>The number of bytes the whole string needs (pass an empty buffer to size one), or −1 on
    /// any other character.</returns>
    public static int HexStringToBytes(ReadOnlySpan<char> hex, Span<byte> buffer)
    {
        var needed = 0;
        var i = 0;
        while (i < hex.Length)
        {
            var value = 0;
            var digits = 0;
            while (i < hex.Length && hex[i] != ':')
            {
                var digit = HexDigit(hex[i]);
                if (digit < 0)
                {
                    return -1;
                }
                if (digits == 2)
                {
                    break;
                }
                value = (value << 4) | digit;
                digits++;
                i++;
            }
            if (i < hex.Length && hex[i] == ':')
            {
                i++;
            }
            if (needed < buffer.Length)
            {
                buffer[needed] = (byte)value;
            }
            needed++;
        }
        return needed;
    }

    /// <summary>The number of bytes <paramref name="hex"/> converts to, or −1 on a bad character.</summary>
    public static int GetHexStringByteCount(ReadOnlySpan<char> hex) => HexStringToBytes(hex, []);

    /// <summary>
    /// Applies the DPS values of a vendor-encapsulated options payload to <paramref name="state"/>
    /// (<c>plgd_dps_dhcp_set_values_from_vendor_encapsulated_options</c>).
    /// </summary>
    /// <param name="state">The endpoint list, status and fingerprint to update.</param>
    /// <param name="options">The raw option 43 payload.</param>
    /// <param name="endpointOptionCode">The endpoint sub-option code (default 200).</param>
    /// <param name="certificateFingerprintOptionCode">The fingerprint sub-option code (default 201).</param>
    /// <param name="allowedAlgorithms">The fingerprint algorithms allowed (default SHA-256 only).</param>
    public static DpsDhcpSetValuesResult SetValuesFromVendorEncapsulatedOptions(
        DpsClientState state,
        ReadOnlySpan<byte> options,
        byte endpointOptionCode = DefaultEndpointOptionCode,
        byte certificateFingerprintOptionCode = DefaultCertificateFingerprintOptionCode,
        IReadOnlyCollection<HashAlgorithmName>? allowedAlgorithms = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!DpsVendorEncapsulatedOptions.TryParse(options, endpointOptionCode, certificateFingerprintOptionCode, out var parsed)
            || parsed is null)
        {
            return DpsDhcpSetValuesResult.Error;
        }
        HashAlgorithmName algorithm = default;
        if (parsed.HashName is { } hashName && !DpsCertificateFingerprint.TryParseHashName(hashName, out algorithm))
        {
            return DpsDhcpSetValuesResult.Error;
        }
        var endpoint = parsed.Endpoint ?? string.Empty;
        var digest = parsed.CertificateFingerprint ?? ReadOnlyMemory<byte>.Empty;
        var current = state.CertificateFingerprint;
        var currentAlgorithm = current?.Algorithm ?? default;
        var currentDigest = current?.Digest ?? ReadOnlyMemory<byte>.Empty;
        if (currentAlgorithm == algorithm && state.Endpoints.IsSelected(endpoint) && currentDigest.Span.SequenceEqual(digest.Span))
        {
            return DpsDhcpSetValuesResult.NotChanged;
        }

        DpsCertificateFingerprint? fingerprint;
        if (!string.IsNullOrEmpty(algorithm.Name))
        {
            var allowed = allowedAlgorithms ?? [HashAlgorithmName.SHA256];
            if (!allowed.Contains(algorithm) || digest.Length != DpsCertificateFingerprint.GetDigestLength(algorithm))
            {
                return DpsDhcpSetValuesResult.Error;
            }
            fingerprint = DpsCertificateFingerprint.Create(algorithm, digest.Span);
        }
        else
        {
            fingerprint = digest.IsEmpty ? null : DpsCertificateFingerprint.CreateWithoutAlgorithm(digest.Span);
        }
        if (endpoint.Length > DpsEndpoint.MaxUriLength)
        {
            return DpsDhcpSetValuesResult.Error;
        }
        state.CertificateFingerprint = fingerprint;

        var result = DpsDhcpSetValuesResult.Updated;
        if (!state.Endpoints.IsSelected(endpoint))
        {
            state.Endpoints.SetEndpoint(endpoint);
            result = DpsDhcpSetValuesResult.NeedReprovision;
        }
        if (!state.Status.IsProvisioned())
        {
            result = DpsDhcpSetValuesResult.NeedReprovision;
        }
        return result;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
