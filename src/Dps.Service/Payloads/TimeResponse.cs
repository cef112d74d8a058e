using System.Globalization;

namespace Dps.Service.Payloads;

/// <summary>The <c>2.05</c> body of <c>GET /x.plgd.dev/time</c>: <c>{"time": RFC3339Nano}</c> (PROTOCOL §2.4).</summary>
internal static class TimeResponse
{
    /// <summary>Formats like Go's <c>time.RFC3339Nano</c> in UTC: fraction without trailing zeros, omitted when zero.</summary>
    public static string FormatRfc3339Nano(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Encodes the body for <paramref name="now"/>.</summary>
    public static byte[] Encode(DateTimeOffset now)
    {
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(1);
        CborPayload.WriteText(writer, "time", FormatRfc3339Nano(now));
        writer.WriteEndMap();
        return writer.Encode();
    }
}
