using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Ocf;

/// <summary>Typed loading on top of <see cref="IOcfStore"/>.</summary>
public static class OcfStoreExtensions
{
    /// <summary>
    /// Loads and decodes store <paramref name="name"/>. A missing store, or one whose content
    /// <paramref name="decode"/> rejects with <see cref="OcfFormatException"/> (logged), gives false.
    /// </summary>
    public static bool TryLoad<T>(this IOcfStore store, string name, Func<ReadOnlyMemory<byte>, T> decode, ILogger? logger, out T value)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(decode);
        value = default!;
        byte[]? data = store.Load(name);
        if (data is null)
        {
            return false;
        }

        try
        {
            value = decode(data);
            return true;
        }
        catch (OcfFormatException ex)
        {
            Log.StoreInvalid(logger ?? NullLogger.Instance, name, ex.Message);
            return false;
        }
    }
}
