using System.Formats.Cbor;
using System.Globalization;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Provisioning;

/// <summary>The <c>plgd_time_N</c> store: <c>{"lastSyncedTime": "&lt;RFC 3339&gt;"}</c>.</summary>
public sealed class PlgdTimeRecord
{
    /// <summary>The store name prefix (<c>plgd_time_0</c> for device 0).</summary>
    public const string StoreName = "plgd_time";

    /// <summary>The last time synchronised from the DPS.</summary>
    public DateTimeOffset LastSyncedTime { get; set; }

    /// <summary>The store form.</summary>
    public byte[] Encode()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(1);
        writer.WriteTextString("lastSyncedTime");
        writer.WriteTextString(LastSyncedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the store form.</summary>
    /// <exception cref="OcfFormatException">Malformed data or time.</exception>
    public static PlgdTimeRecord Decode(ReadOnlyMemory<byte> data)
    {
        var root = CborNode.ParseMap(data);
        if (!root.TryGet("lastSyncedTime", out var value) || !value.IsText
            || !DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            throw new OcfFormatException("plgd_time: lastSyncedTime missing or invalid");
        }

        return new PlgdTimeRecord { LastSyncedTime = time };
    }
}
