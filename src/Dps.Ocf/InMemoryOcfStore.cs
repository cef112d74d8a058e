using System.Collections.Concurrent;

namespace Dps.Ocf;

/// <summary>An <see cref="IOcfStore"/> in memory, for tests and volatile devices.</summary>
public sealed class InMemoryOcfStore : IOcfStore
{
    private readonly ConcurrentDictionary<string, (byte[] Data, bool Secret)> _entries = new(StringComparer.Ordinal);

    /// <summary>The names of the stores present.</summary>
    public ICollection<string> Names => _entries.Keys;

    /// <summary>How many saves have happened (tests use it to check persistence).</summary>
    public int SaveCount { get; private set; }

    /// <inheritdoc/>
    public byte[]? Load(string name)
    {
        OcfStoreName.Validate(name);
        return _entries.TryGetValue(name, out var entry) ? entry.Data.ToArray() : null;
    }

    /// <inheritdoc/>
    public void Save(string name, ReadOnlySpan<byte> data, bool secret = false)
    {
        OcfStoreName.Validate(name);
        _entries[name] = (data.ToArray(), secret || OcfStoreName.IsAlwaysSecret(name));
        SaveCount++;
    }

    /// <inheritdoc/>
    public bool Delete(string name)
    {
        OcfStoreName.Validate(name);
        return _entries.TryRemove(name, out _);
    }

    /// <summary>True if <paramref name="name"/> was saved as secret.</summary>
    public bool IsSecret(string name) => _entries.TryGetValue(name, out var entry) && entry.Secret;
}
