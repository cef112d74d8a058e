namespace Dps.Client;

/// <summary>
/// Reads the DPS vendor-encapsulated options from an isc-dhclient lease file
/// (<c>/var/lib/dhcp/dhclient.leases</c>; PROTOCOL.md §6).
/// </summary>
public static class DhcpLeasesFile
{
    /// <summary>The option name searched for.</summary>
    public const string OptionName = "vendor-encapsulated-options";

    /// <summary>
    /// The bytes of the last usable <c>vendor-encapsulated-options</c> value in the file text: the text
    /// after the option name, leading spaces/tabs/quotes skipped, up to a space, tab, quote, newline,
    /// <c>,</c> or <c>;</c>. Values with bad hex characters or longer than
    /// <see cref="DpsDhcp.MaxVendorEncapsulatedOptionsLength"/> bytes are skipped.
    /// </summary>
    /// <returns>The bytes, or <see langword="null"/> when the file holds no usable value.</returns>
    public static byte[]? ReadVendorEncapsulatedOptions(ReadOnlySpan<char> leases)
    {
        byte[]? result = null;
        foreach (var value in EnumerateValues(leases.ToString()))
        {
            var count = DpsDhcp.GetHexStringByteCount(value);
            if (count <= 0 || count > DpsDhcp.MaxVendorEncapsulatedOptionsLength)
            {
                continue;
            }
            var bytes = new byte[count];
            DpsDhcp.HexStringToBytes(value, bytes);
            result = bytes;
        }
        return result;
    }

    /// <summary>Every raw value of the option in the file, in order.</summary>
    public static IEnumerable<string> EnumerateValues(string leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        var index = 0;
        while ((index = leases.IndexOf(OptionName, index, StringComparison.Ordinal)) >= 0)
        {
            var i = index + OptionName.Length;
            while (i < leases.Length && leases[i] is ' ' or '\t' or '"')
            {
                i++;
            }
            var start = i;
            while (i < leases.Length && leases[i] is not (' ' or '\t' or '"' or '\r' or '\n' or ',' or ';'))
            {
                i++;
            }
            if (i > start)
            {
                yield return leases[start..i];
            }
            index = i;
        }
    }
}
