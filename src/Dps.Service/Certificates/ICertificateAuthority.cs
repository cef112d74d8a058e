namespace Dps.Service.Certificates;

/// <summary>
/// Signs device CSRs as OCF identity certificates (PROTOCOL §8.3 "Certificate signing"). Implemented
/// over Dps.Security (the only BouncyCastle user); the credentials handler depends on this interface only.
/// </summary>
internal interface ICertificateAuthority
{
    /// <summary>
    /// Verifies the CSR signature and subject (<c>CN=uuid:&lt;device id&gt;</c>) and issues an identity
    /// certificate: KeyUsage digitalSignature + keyAgreement; EKU serverAuth + clientAuth +
    /// 1.3.6.1.4.1.44924.1.6; random 128-bit serial; validity from the request, clamped to the signer.
    /// </summary>
    /// <exception cref="CertificateRequestException">The CSR is malformed, badly signed or has an invalid subject (→ 4.00).</exception>
    ValueTask<IssuedIdentityCertificate> IssueIdentityAsync(IdentityCertificateRequest request, CancellationToken cancellationToken = default);
}
