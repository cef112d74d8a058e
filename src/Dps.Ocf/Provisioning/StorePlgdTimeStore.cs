using Microsoft.Extensions.Logging;

namespace Dps.Ocf.Provisioning;

/// <summary>An <see cref="IPlgdTimeStore"/> keeping <c>plgd_time_N</c> (<see cref="PlgdTimeRecord"/>) in an <see cref="IOcfStore"/>.</summary>
internal sealed class StorePlgdTimeStore : IPlgdTimeStore
{
    private readonly IOcfStore _store;
    private readonly string _name;
    private readonly ILogger? _logger;

    public StorePlgdTimeStore(IOcfStore store, int deviceIndex, ILogger? logger = null)
    {
        _store = store;
        _name = OcfStoreName.For(PlgdTimeRecord.StoreName, deviceIndex);
        _logger = logger;
    }

    public string? Load() =>
        _store.TryLoad(_name, PlgdTimeRecord.Decode, _logger, out var record) ? PlgdTime.Format(record.LastSyncedTime) : null;

    public void Save(string lastSyncedTime)
    {
        if (!PlgdTime.TryParse(lastSyncedTime, out var time))
        {
            throw new ArgumentException("Not an RFC 3339 time.", nameof(lastSyncedTime));
        }

        _store.Save(_name, new PlgdTimeRecord { LastSyncedTime = time }.Encode());
    }
}
