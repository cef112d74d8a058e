using Dps.Service.Configuration;

namespace Dps.Service.Certificates;

/// <summary>What the credentials handler asks the CA for.</summary>
/// <param name="CsrPem">The device CSR, PEM (<c>-----BEGIN CERTIFICATE REQUEST-----</c>).</param>
/// <param name="OwnerUuid">The enrollment group's owner UUID (used as CN if the CSR CN were empty).</param>
/// <param name="Hub">The linked hub whose CA signs (its <see cref="HubSettings.CertificateAuthority"/> files).</param>
/// <param name="NotBefore">Start of validity (now − <see cref="CertificateSettings.Backdate"/>).</param>
/// <param name="NotAfter">End of validity (notBefore + validity, or a short lifetime from a fault).</param>
internal sealed record IdentityCertificateRequest(string CsrPem, Guid OwnerUuid, HubSettings Hub, DateTimeOffset NotBefore, DateTimeOffset NotAfter);
