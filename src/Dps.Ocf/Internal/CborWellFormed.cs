using System.Formats.Cbor;

namespace Dps.Ocf.Internal;

/// <summary>Checks that bytes are exactly one well-formed CBOR item.</summary>
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
