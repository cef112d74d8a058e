using System.Formats.Cbor;

namespace Dps.Client.Internal;

/// <summary>Small tolerant CBOR reading helpers: definite and indefinite lengths, typed errors.</summary>
internal static class CborRead
{
    /// <summary>Runs <paramref name="read"/> and turns CBOR errors into <see cref="DpsFormatException"/>.</summary>
    public static T Guard<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CborContentException ex)
        {
            throw new DpsFormatException($"Malformed CBOR in {what}: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new DpsFormatException($"Unexpected CBOR in {what}: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new DpsFormatException($"Invalid value in {what}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a map start; fails when the next item is not a map.</summary>
    public static void StartMap(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.StartMap)
        {
            throw new DpsFormatException($"{what} must be a CBOR map, found {reader.PeekState()}.");
        }
        reader.ReadStartMap();
    }

    /// <summary>Reads an array start; fails when the next item is not an array.</summary>
    public static void StartArray(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.StartArray)
        {
            throw new DpsFormatException($"{what} must be a CBOR array, found {reader.PeekState()}.");
        }
        reader.ReadStartArray();
    }

    /// <summary>True (and consumes it) when the current map ends.</summary>
    public static bool TryEndMap(CborReader reader)
    {
        if (reader.PeekState() != CborReaderState.EndMap)
        {
            return false;
        }
        reader.ReadEndMap();
        return true;
    }

    /// <summary>True (and consumes it) when the current array ends.</summary>
    public static bool TryEndArray(CborReader reader)
    {
        if (reader.PeekState() != CborReaderState.EndArray)
        {
            return false;
        }
        reader.ReadEndArray();
        return true;
    }

    /// <summary>Reads a map key, which must be a text string.</summary>
    public static string Key(CborReader reader, string what)
    {
        if (reader.PeekState() != CborReaderState.TextString)
        {
            throw new DpsFormatException($"{what} has a non-text key ({reader.PeekState()}).");
        }
        return reader.ReadTextString();
    }

    /// <summary>Reads a text value of <paramref name="key"/>.</summary>
    public static string Text(CborReader reader, string key)
    {
        if (reader.PeekState() != CborReaderState.TextString)
        {
            throw new DpsFormatException($"'{key}' must be a text string, found {reader.PeekState()}.");
        }
        return reader.ReadTextString();
    }

    /// <summary>Reads a boolean value of <paramref name="key"/>.</summary>
    public static bool Boolean(CborReader reader, string key)
    {
        if (reader.PeekState() != CborReaderState.Boolean)
        {
            throw new DpsFormatException($"'{key}' must be a boolean, found {reader.PeekState()}.");
        }
        return reader.ReadBoolean();
    }

    /// <summary>Fails when bytes follow the top-level item.</summary>
    public static void End(CborReader reader, string what)
    {
        if (reader.BytesRemaining != 0)
        {
            throw new DpsFormatException($"{what} has {reader.BytesRemaining} trailing bytes.");
        }
    }
}
