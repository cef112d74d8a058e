using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;
using Dps.Service.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Service.Hub;

/// <summary>
/// Accepts hub gateway clients whose identity certificate chains to a hub CA of the configuration
/// and has EKU clientAuth + serverAuth + the OCF identity OID and a <c>CN=uuid:&lt;id&gt;</c>
/// (PROTOCOL §7.1, <c>identityPropertiesRequired</c>).
/// </summary>
internal sealed class HubAuthenticator : IDisposable
{
    private readonly List<X509Certificate2> _anchors = [];
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates an authenticator trusting every hub CA of <paramref name="config"/>.</summary>
    public HubAuthenticator(ServiceConfig config, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger.Instance;
        var files = config.EnrollmentGroups.SelectMany(g => g.Hubs).Select(h => h.CertificateAuthority.CertificateFile).Distinct(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var certificate in PemCertificates.LoadChainFile(file))
            {
                if (_anchors.Exists(a => a.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)))
                {
                    certificate.Dispose();
                }
                else
                {
                    _anchors.Add(certificate);
                }
            }
        }
    }

    /// <summary>The TLS client certificate decision (for <see cref="TlsServerSettings.ClientCertificateValidator"/>).</summary>
    public bool Validate(SslStream stream, IReadOnlyList<X509Certificate2> presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (presented.Count == 0)
        {
            return false;
        }

        var leaf = presented[0];
        var result = CertificateChainVerifier.Verify(leaf, _anchors, presented.Skip(1), _timeProvider.GetUtcNow());
        foreach (var element in result.Chain)
        {
            element.Dispose();
        }

        if (!result.IsTrusted)
        {
            _logger.LogInformation("Rejected hub client {Subject}: {Errors}", leaf.Subject, result.Errors);
            return false;
        }

        if (!OcfCertificates.HasExtendedKeyUsage(leaf, OcfOids.ClientAuth)
            || !OcfCertificates.HasExtendedKeyUsage(leaf, OcfOids.ServerAuth)
            || !OcfCertificates.HasExtendedKeyUsage(leaf, OcfOids.OcfIdentity))
        {
            _logger.LogInformation("Rejected hub client {Subject}: EKU clientAuth, serverAuth and OCF identity are required", leaf.Subject);
            return false;
        }

        if (!OcfCertificates.TryGetDeviceId(leaf, out _))
        {
            _logger.LogInformation("Rejected hub client {Subject}: the CN is not uuid:<device id>", leaf.Subject);
            return false;
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var anchor in _anchors)
        {
            anchor.Dispose();
        }
    }
}
