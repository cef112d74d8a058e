using System.Security.Cryptography;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Identity;
using Dps.Service.Tokens;

namespace Dps.Service.Hosting;

/// <summary>
/// Loads and checks every certificate and key the configuration names before anything listens, so a
/// wrong pair stops the start with one line naming its key path instead of failing each device later:
/// the DPS and hub gateway TLS pairs, each hub CA pair, the token signing key, and that the hub
/// gateway certificate carries <c>CN=uuid:&lt;hubID&gt;</c> of the hubs it serves (devices find the
/// hub's ACE by that CN, as with plgd's coap-gateway).
/// </summary>
internal static class ServiceCredentials
{
    /// <summary>Loads the TLS pair configured at <paramref name="keyPath"/> (<c>tls.dps</c> or <c>tls.hub</c>).</summary>
    /// <exception cref="ServiceConfigException">The files cannot be read, are malformed or do not match.</exception>
    public static TlsIdentity LoadTlsIdentity(ServiceConfig config, TlsFiles files, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            return TlsIdentity.FromPemFiles(files.CertificateFile, files.KeyFile);
        }
        catch (Exception ex) when (IsCredentialError(ex))
        {
            throw Error(config, keyPath, files, ex.Message, ex);
        }
    }

    /// <summary>
    /// Checks each hub's <c>certificateAuthority</c> pair (a CA certificate whose EC key matches) by
    /// handing it to <paramref name="authority"/>, which keeps it for signing.
    /// </summary>
    /// <exception cref="ServiceConfigException">A pair is unusable.</exception>
    public static void LoadHubCertificateAuthorities(ServiceConfig config, Certificates.HubCertificateAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(authority);
        for (var g = 0; g < config.EnrollmentGroups.Count; g++)
        {
            var hubs = config.EnrollmentGroups[g].Hubs;
            for (var h = 0; h < hubs.Count; h++)
            {
                var files = hubs[h].CertificateAuthority;
                try
                {
                    authority.Load(files);
                }
                catch (Exception ex) when (IsCredentialError(ex))
                {
                    throw Error(config, $"enrollmentGroups[{g}].hubs[{h}].certificateAuthority", files, ex.Message, ex);
                }
            }
        }
    }

    /// <summary>
    /// Checks that the hub gateway certificate's CN is <c>uuid:&lt;hubID&gt;</c> of the hubs whose
    /// gateway URIs name the configured hub listen address (nothing to check when none does).
    /// </summary>
    /// <exception cref="ServiceConfigException">The CN is another, or such hubs have different hub ids.</exception>
    public static void CheckGatewayIdentity(ServiceConfig config, TlsIdentity gateway)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(gateway);
        var served = new List<(Guid HubId, string KeyPath)>();
        for (var g = 0; g < config.EnrollmentGroups.Count; g++)
        {
            var hubs = config.EnrollmentGroups[g].Hubs;
            for (var h = 0; h < hubs.Count; h++)
            {
                if (hubs[h].Gateways.Any(uri => DpsServiceHost.NamesHubListener(uri, config.HubAddress))
                    && !served.Exists(s => s.HubId == hubs[h].HubId))
                {
                    served.Add((hubs[h].HubId, $"enrollmentGroups[{g}].hubs[{h}].hubID"));
                }
            }
        }

        if (served.Count == 0)
        {
            return;
        }

        var files = config.HubTls;
        if (served.Count > 1)
        {
            throw Error(
                config,
                "tls.hub",
                files,
                $"{served[0].KeyPath} ({DeviceUuid.Format(served[0].HubId)}) and {served[1].KeyPath} ({DeviceUuid.Format(served[1].HubId)}) both name this hub gateway ({DpsServiceHost.Format(config.HubAddress)}), but its certificate can carry one hub id");
        }

        var (hubId, hubKeyPath) = served[0];
        if (!OcfCertificates.TryGetDeviceId(gateway.Certificate, out var certificateId) || certificateId != hubId)
        {
            var commonName = OcfCertificates.GetCommonName(gateway.Certificate);
            throw Error(
                config,
                "tls.hub",
                files,
                $"the hub gateway certificate's CN is {(commonName is null ? "missing" : $"'{commonName}'")}; devices admit the hub by CN={OcfCertificates.ToCommonName(hubId)} ({hubKeyPath}), so issue it with that CN");
        }
    }

    /// <summary>Loads the token signing key, creating a P-256 key (0600) when the file does not exist.</summary>
    /// <exception cref="ServiceConfigException">The file is unreadable, not an EC key, or on a curve without a JWS algorithm.</exception>
    public static ECDsa LoadOrCreateSigningKey(ServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var file = config.Tokens.SigningKeyFile;
        ECDsa key;
        try
        {
            if (!File.Exists(file))
            {
                key = EcKeys.Generate();
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                PemFile.WritePrivateKey(file, key);
                return key;
            }

            key = EcKeys.LoadPrivateKeyFile(file);
        }
        catch (Exception ex) when (IsCredentialError(ex))
        {
            throw new ServiceConfigException(config.FilePath, "tokens.signingKeyFile", $"'{file}': {ex.Message}", null, ex);
        }

        if (AccessTokenService.AlgorithmFor(key) is null)
        {
            var curve = AccessTokenService.CurveName(key);
            key.Dispose();
            throw new ServiceConfigException(config.FilePath, "tokens.signingKeyFile", $"'{file}' holds an EC key on curve {curve}; tokens are signed with P-256 (ES256), P-384 (ES384) or P-521 (ES512)");
        }

        return key;
    }

    private static bool IsCredentialError(Exception ex) =>
        ex is PemFormatException or IOException or UnauthorizedAccessException or CryptographicException;

    private static ServiceConfigException Error(ServiceConfig config, string keyPath, TlsFiles files, string reason, Exception? inner = null) =>
        new(config.FilePath, keyPath, $"{reason.TrimEnd('.')} (certFile '{files.CertificateFile}', keyFile '{files.KeyFile}')", null, inner);
}
