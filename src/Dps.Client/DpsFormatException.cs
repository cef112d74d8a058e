namespace Dps.Client;

/// <summary>A DPS representation (store file, <c>/plgd/dps</c> body, DHCP options) is malformed.</summary>
public sealed class DpsFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public DpsFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DpsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public DpsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
