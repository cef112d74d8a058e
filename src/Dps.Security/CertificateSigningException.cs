namespace Dps.Security;

/// <summary>
/// A certificate authority refused to sign: the CSR's signature is bad, its subject is not
/// acceptable, or the CA's own validity leaves no room for the certificate.
/// </summary>
public sealed class CertificateSigningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CertificateSigningException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CertificateSigningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CertificateSigningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
