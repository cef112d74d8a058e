namespace Dps.Ocf;

/// <summary>Bytes do not form a valid OCF representation (malformed CBOR or a broken store file).</summary>
public sealed class OcfFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OcfFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OcfFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public OcfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
