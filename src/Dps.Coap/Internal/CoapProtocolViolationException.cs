namespace Dps.Coap.Internal;

/// <summary>The peer broke RFC 8323 in a way that ends the connection with Abort.</summary>
internal sealed class CoapProtocolViolationException : Exception
{
    public CoapProtocolViolationException()
    {
    }

    public CoapProtocolViolationException(string message)
        : base(message)
    {
    }

    public CoapProtocolViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CoapProtocolViolationException(string message, ushort badCsmOption)
        : base(message)
    {
        BadCsmOption = badCsmOption;
    }

    /// <summary>The unknown critical CSM option to name in Abort, if that is the violation.</summary>
    public ushort? BadCsmOption { get; }
}
