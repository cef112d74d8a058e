using System.Globalization;
using System.Text;
using Dps.Service.Identity;

namespace Dps.Service.Configuration;

/// <summary>
/// The <c>dps-service.yaml</c> that <c>init</c> writes next to its development PKI. The file layout
/// is fixed here so <c>init</c> and the template agree; every path is relative to the config file.
/// </summary>
internal static class ServiceConfigTemplate
{
    /// <summary>DPS server certificate chain (issued by the DPS CA the device trusts as <c>dpsca.pem</c>).</summary>
    public const string DpsCertificateFile = "pki/dps-server.crt";

    /// <summary>DPS server key.</summary>
    public const string DpsKeyFile = "pki/dps-server.key";

    /// <summary>Hub server certificate chain (issued by the cloud CA).</summary>
    public const string HubCertificateFile = "pki/hub-server.crt";

    /// <summary>Hub server key.</summary>
    public const string HubKeyFile = "pki/hub-server.key";

    /// <summary>Cloud CA certificate: signs identity certificates; delivered to devices as trust CA.</summary>
    public const string CloudCaCertificateFile = "pki/cloud-ca.crt";

    /// <summary>Cloud CA key.</summary>
    public const string CloudCaKeyFile = "pki/cloud-ca.key";

    /// <summary>Manufacturer CA chain the enrollment group admits.</summary>
    public const string ManufacturerCaFile = "pki/mfg-ca.crt";

    /// <summary>Token signing key (P-256, PEM).</summary>
    public const string TokenSigningKeyFile = "pki/token-signing.key";

    /// <summary>Renders the configuration for one enrollment group linked to one local hub.</summary>
    public static string Render(string owner, Guid enrollmentGroupId, Guid hubId, string hubGatewayUri = "coaps+tcp://127.0.0.1:20040")
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(hubGatewayUri);
        var text = new StringBuilder();
        text.AppendLine("# dps-service configuration (written by `dps-service init`).");
        text.AppendLine("listen:");
        text.AppendLine("  dps: 127.0.0.1:20030");
        text.AppendLine("  hub: 127.0.0.1:20040");
        text.AppendLine("  http: 127.0.0.1:20080");
        text.AppendLine("tls:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  dps: {{certFile: {DpsCertificateFile}, keyFile: {DpsKeyFile}}}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  hub: {{certFile: {HubCertificateFile}, keyFile: {HubKeyFile}}}");
        text.AppendLine("tokens:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  signingKeyFile: {TokenSigningKeyFile}");
        text.AppendLine("  issuer: dps-service");
        text.AppendLine("  dpsTokenLifetime: 1h");
        text.AppendLine("  hubTokenLifetime: 1h");
        text.AppendLine("certificates:");
        text.AppendLine("  validFrom: 1h");
        text.AppendLine("  validity: 87600h");
        text.AppendLine("database: dps-service.db");
        text.AppendLine("enrollmentGroups:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  - id: {DeviceUuid.Format(enrollmentGroupId)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    owner: {Quote(owner)}");
        text.AppendLine("    attestationMechanism:");
        text.AppendLine("      x509:");
        text.AppendLine(CultureInfo.InvariantCulture, $"        certificateChain: {ManufacturerCaFile}");
        text.AppendLine("        expiredCertificateEnabled: false");
        text.AppendLine("    hubs:");
        text.AppendLine(CultureInfo.InvariantCulture, $"      - hubID: {DeviceUuid.Format(hubId)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"        gateways: [{Quote(hubGatewayUri)}]");
        text.AppendLine(CultureInfo.InvariantCulture, $"        certificateAuthority: {{certFile: {CloudCaCertificateFile}, keyFile: {CloudCaKeyFile}}}");
        text.AppendLine("        authorization:");
        text.AppendLine("          ownerClaim: sub");
        text.AppendLine("          provider: {name: plgd}");
        text.AppendLine("# faults:");
        text.AppendLine("#   - {step: credentials, kind: respond, code: \"5.03\", count: 3}");
        return text.ToString();
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
