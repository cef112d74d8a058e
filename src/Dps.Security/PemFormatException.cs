namespace Dps.Security;

/// <summary>
/// Text handed in as PEM (certificates, private keys, certificate signing requests) is malformed
/// or holds something other than what was asked for. The message names what was wrong; it never
/// contains key material.
/// </summary>
public sealed class PemFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PemFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PemFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PemFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
