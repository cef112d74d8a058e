namespace Dps.Ocf;

/// <summary>
/// Persistent storage of named CBOR blobs, one per store (<c>pstat_0</c>, <c>cred_0</c>,
/// <c>dps_0</c>, …). Implementations write atomically: a load returns the last complete save or
/// nothing.
/// </summary>
public interface IOcfStore
{
    /// <summary>The bytes last saved under <paramref name="name"/>, or null if absent or unreadable.</summary>
    byte[]? Load(string name);

    /// <summary>Replaces the bytes of <paramref name="name"/> atomically.</summary>
    /// <param name="name">The store name (letters, digits, <c>_</c>, <c>-</c>, <c>.</c>).</param>
    /// <param name="data">The bytes.</param>
    /// <param name="secret">The data holds key material: readable by the owner only.</param>
    void Save(string name, ReadOnlySpan<byte> data, bool secret = false);

    /// <summary>Removes <paramref name="name"/>; returns false if it did not exist.</summary>
    bool Delete(string name);
}
