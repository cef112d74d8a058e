using Dps.Service.Configuration;

namespace Dps.Service.Provisioning;

/// <summary>What the DPS knows about one device connection after the TLS handshake.</summary>
/// <param name="ManufacturerCertificateId">The provisioning-record id (UUIDv5 of the mfg leaf public key, lower-case string).</param>
/// <param name="Group">The matched enrollment group, or null (every request then gets 4.03).</param>
internal sealed record DpsSession(string ManufacturerCertificateId, EnrollmentGroup? Group);
