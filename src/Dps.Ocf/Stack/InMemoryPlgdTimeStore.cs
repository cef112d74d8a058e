namespace Dps.Ocf;

/// <summary>An <see cref="IPlgdTimeStore"/> in memory (tests, and devices without storage).</summary>
public sealed class InMemoryPlgdTimeStore : IPlgdTimeStore
{
    private volatile string? _value;

    /// <summary>Creates the store, optionally holding a value.</summary>
    public InMemoryPlgdTimeStore(string? value = null) => _value = value;

    /// <summary>The saved value.</summary>
    public string? Value => _value;

    /// <inheritdoc />
    public string? Load() => _value;

    /// <inheritdoc />
    public void Save(string lastSyncedTime)
    {
        ArgumentNullException.ThrowIfNull(lastSyncedTime);
        _value = lastSyncedTime;
    }
}
