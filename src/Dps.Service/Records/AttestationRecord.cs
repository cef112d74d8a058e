namespace Dps.Service.Records;

/// <summary>The <c>attestation</c> section: the manufacturer certificate the device connected with.</summary>
/// <param name="Date">When it was seen.</param>
/// <param name="CertificatePem">The leaf certificate PEM.</param>
/// <param name="CommonName">The leaf subject CN.</param>
internal sealed record AttestationRecord(DateTimeOffset Date, string CertificatePem, string CommonName);
