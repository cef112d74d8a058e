using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Service.Provisioning;

/// <summary>
/// Authenticates devices by their manufacturer certificate during the TLS handshake (PROTOCOL §1.3):
/// enrollment groups are looked up by the issuer CNs of the sent certificates, the leaf is verified
/// against each candidate group's chain (sent intermediates + the group's non-root CAs; roots = the
/// group's self-signed CAs; at the leaf's validity midpoint when the group accepts expired
/// certificates) and must carry EKU clientAuth. The group that accepted a leaf is remembered for
/// <see cref="CreateSession"/>.
/// </summary>
internal sealed class DeviceAuthenticator : IDisposable
{
    private const int MaxRememberedLeaves = 100_000;

    private readonly EnrollmentGroupCatalog _catalog;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<Guid, GroupChain> _chains = [];
    private readonly ConcurrentDictionary<string, Guid> _acceptedLeaves = new(StringComparer.Ordinal);

    /// <summary>Creates an authenticator over the groups of <paramref name="catalog"/>.</summary>
    public DeviceAuthenticator(EnrollmentGroupCatalog catalog, TimeProvider timeProvider, ILogger? logger = null)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger.Instance;
        foreach (var group in catalog.Groups)
        {
            var certificates = PemCertificates.LoadChain(group.CertificateChainPem);
            var roots = certificates.Where(IsSelfSigned).ToList();
            var intermediates = certificates.Where(c => !IsSelfSigned(c)).ToList();
            _chains[group.Id] = new GroupChain(roots.Count > 0 ? roots : certificates.ToList(), intermediates, certificates);
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
        var issuers = presented.Select(c => c.GetNameInfo(X509NameType.SimpleName, forIssuer: true)).Where(n => !string.IsNullOrEmpty(n));
        foreach (var group in _catalog.FindByIssuers(issuers))
        {
            var chain = _chains[group.Id];
            var time = group.ExpiredCertificateEnabled ? CertificateValidity.Midpoint(leaf) : _timeProvider.GetUtcNow();
            var result = CertificateChainVerifier.Verify(leaf, chain.Roots, presented.Skip(1).Concat(chain.Intermediates), time);
            foreach (var element in result.Chain)
            {
                element.Dispose();
            }

            if (!result.IsTrusted)
            {
                _logger.LogDebug("Manufacturer certificate {Subject} does not verify against group {Group}: {Errors}", leaf.Subject, group.Id, result.Errors);
                continue;
            }

            if (!OcfCertificates.HasExtendedKeyUsage(leaf, OcfOids.ClientAuth))
            {
                _logger.LogInformation("Manufacturer certificate {Subject} has no EKU clientAuth", leaf.Subject);
                return false;
            }

            if (_acceptedLeaves.Count >= MaxRememberedLeaves)
            {
                // Bounded memory under a large fleet; a forgotten leaf falls back to the signature lookup.
                _acceptedLeaves.Clear();
            }

            _acceptedLeaves[leaf.Thumbprint] = group.Id;
            return true;
        }

        _logger.LogInformation("Rejected device certificate {Subject} (issuer {Issuer}): no enrollment group matches", leaf.Subject, leaf.Issuer);
        return false;
    }

    /// <summary>The session of a connection whose handshake presented <paramref name="leaf"/>.</summary>
    public DpsSession CreateSession(X509Certificate2 leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var id = DeviceUuid.Format(ManufacturerCertificateId.FromCertificate(leaf));
        var group = _acceptedLeaves.TryGetValue(leaf.Thumbprint, out var groupId) ? _catalog.Find(groupId) : FindBySignature(leaf);
        return new DpsSession(id, group);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var chain in _chains.Values)
        {
            foreach (var certificate in chain.All)
            {
                certificate.Dispose();
            }
        }
    }

    // The session-time lookup of PROTOCOL §1.3: groups by the leaf's issuer CN whose first chain certificate signed it.
    private EnrollmentGroup? FindBySignature(X509Certificate2 leaf)
    {
        var issuer = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: true);
        foreach (var group in _catalog.FindByIssuers([issuer]))
        {
            var first = _chains[group.Id].All[0];
            var result = CertificateChainVerifier.Verify(leaf, [first], null, CertificateValidity.Midpoint(leaf));
            foreach (var element in result.Chain)
            {
                element.Dispose();
            }

            if (result.IsTrusted)
            {
                return group;
            }
        }

        return null;
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private sealed record GroupChain(IReadOnlyList<X509Certificate2> Roots, IReadOnlyList<X509Certificate2> Intermediates, IReadOnlyList<X509Certificate2> All);
}
