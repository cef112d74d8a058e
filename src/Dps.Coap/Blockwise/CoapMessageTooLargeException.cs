namespace Dps.Coap.Blockwise;

/// <summary>
/// A message does not fit the peer's Max-Message-Size and cannot be split (the peer did not
/// advertise Block-Wise-Transfer), or a reassembled body exceeds the configured cap. Nothing was sent.
/// </summary>
public sealed class CoapMessageTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public CoapMessageTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CoapMessageTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CoapMessageTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the sizes involved.</summary>
    public CoapMessageTooLargeException(string message, long size, long limit)
        : base(message)
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>The size of the message or body, in bytes.</summary>
    public long Size { get; }

    /// <summary>The limit it exceeds, in bytes.</summary>
    public long Limit { get; }
}
