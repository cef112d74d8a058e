namespace Dps.Service.Certificates;

/// <summary>The CSR cannot be signed: malformed, bad signature, or subject not <c>CN=uuid:&lt;id&gt;</c>. Handlers answer 4.00.</summary>
internal sealed class CertificateRequestException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public CertificateRequestException()
        : base("The certificate signing request is invalid.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public CertificateRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and the cause.</summary>
    public CertificateRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
