namespace Dps.Coap;

/// <summary>Bytes received from a peer do not form a valid CoAP message.</summary>
public sealed class CoapFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CoapFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CoapFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CoapFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
