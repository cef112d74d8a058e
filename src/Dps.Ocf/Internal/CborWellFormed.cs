using System.Formats.Cbor;

namespace Dps.Ocf.Internal;

/// <summary>Checks that bytes are exactly one well-formed CBOR map (every store holds one).</summary>
internal static class CborWellFormed
{
    public static bool Check(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
        {
            return false;
        }

        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax);
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                return false;
            }

            reader.SkipValue();
            return reader.BytesRemaining == 0;
        }
        catch (CborContentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
