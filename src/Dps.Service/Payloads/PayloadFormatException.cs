namespace Dps.Service.Payloads;

/// <summary>
/// A request body is not the CBOR shape a handler expects (malformed CBOR, wrong type, missing
/// required property). Handlers answer 4.00 Bad Request with <see cref="Exception.Message"/>.
/// </summary>
internal sealed class PayloadFormatException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public PayloadFormatException()
        : base("The payload is malformed.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public PayloadFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and the underlying cause.</summary>
    public PayloadFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
