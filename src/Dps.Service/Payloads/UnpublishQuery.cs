using System.Globalization;

namespace Dps.Service.Payloads;

/// <summary>The query of <c>DELETE /oic/rd?di=&lt;uuid&gt;&amp;ins=&lt;n&gt;…</c> (PROTOCOL §7.9).</summary>
/// <param name="DeviceId">The <c>di</c> parameter, or null when absent.</param>
/// <param name="Instances">The <c>ins</c> parameters in order (empty = all links of the device).</param>
internal sealed record UnpublishQuery(string? DeviceId, IReadOnlyList<long> Instances)
{
    /// <summary>Parses Uri-Query option values (<c>name=value</c> each); unknown parameters are ignored.</summary>
    /// <exception cref="PayloadFormatException">An <c>ins</c> value is not a non-negative integer, or <c>di</c> repeats.</exception>
    public static UnpublishQuery Parse(IEnumerable<string> queryOptions)
    {
        ArgumentNullException.ThrowIfNull(queryOptions);
        string? di = null;
        var instances = new List<long>();
        foreach (var option in queryOptions)
        {
            var eq = option.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? option : option[..eq];
            var value = eq < 0 ? string.Empty : option[(eq + 1)..];
            switch (name)
            {
                case "di":
                    if (di is not null)
                    {
                        throw new PayloadFormatException("unpublish query: di is given twice");
                    }

                    di = value;
                    break;
                case "ins":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ins))
                    {
                        throw new PayloadFormatException($"unpublish query: ins '{value}' is not a non-negative integer");
                    }

                    instances.Add(ins);
                    break;
            }
        }

        return new UnpublishQuery(di, instances);
    }
}
