namespace Dps.Coap;

/// <summary>
/// The connection failed or ended: transport faults, the peer's Release or Abort, protocol errors,
/// or requests still pending when it closed.
/// </summary>
public sealed class CoapConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CoapConnectionException()
        : this(CoapConnectionErrorKind.TransportFailed, "The CoAP connection failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CoapConnectionException(string message)
        : this(CoapConnectionErrorKind.TransportFailed, message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CoapConnectionException(string message, Exception innerException)
        : this(CoapConnectionErrorKind.TransportFailed, message, innerException)
    {
    }

    /// <summary>Creates the exception with its kind, a message and an optional cause.</summary>
    public CoapConnectionException(CoapConnectionErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What happened.</summary>
    public CoapConnectionErrorKind Kind { get; }
}
