using System.Collections.Concurrent;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Identity;

namespace Dps.Service.Certificates;

/// <summary>
/// <see cref="ICertificateAuthority"/> over Dps.Security: each hub's <c>certificateAuthority</c>
/// files (CA certificate then its issuers up to the root, and the CA key) sign the device CSRs
/// (PROTOCOL §8.3). The CAs are loaded once per file pair (at start: <see cref="Load"/>); signing
/// runs off the caller's thread.
/// </summary>
internal sealed class HubCertificateAuthority : ICertificateAuthority, IDisposable
{
    private readonly ConcurrentDictionary<TlsFiles, Lazy<CertificateAuthority>> _authorities = new();

    /// <inheritdoc/>
    public ValueTask<IssuedIdentityCertificate> IssueIdentityAsync(IdentityCertificateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ValueTask<IssuedIdentityCertificate>(Task.Run(() => Issue(request), cancellationToken));
    }

    /// <summary>Loads the CA of <paramref name="files"/> now (later requests for it reuse it).</summary>
    /// <exception cref="PemFormatException">The files are malformed, the key is not EC or does not match, or the certificate is no CA.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public void Load(TlsFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _ = Get(files);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var authority in _authorities.Values)
        {
            if (authority.IsValueCreated)
            {
                authority.Value.Dispose();
            }
        }

        _authorities.Clear();
    }

    private IssuedIdentityCertificate Issue(IdentityCertificateRequest request)
    {
        CertificateSigningRequest csr;
        try
        {
            csr = CertificateSigningRequest.Parse(request.CsrPem);
        }
        catch (PemFormatException ex)
        {
            throw new CertificateRequestException("the CSR is not a PEM PKCS#10 request: " + ex.Message, ex);
        }

        if (csr.DeviceId is not { } deviceId)
        {
            throw new CertificateRequestException("the CSR subject CN must be 'uuid:' followed by a UUID.");
        }

        if (deviceId == request.Hub.HubId)
        {
            throw new CertificateRequestException("the CSR CN must not equal the hub id.");
        }

        if (request.NotAfter <= request.NotBefore)
        {
            throw new ArgumentException("NotAfter must lie after NotBefore.", nameof(request));
        }

        var authority = Get(request.Hub.CertificateAuthority);

        // The CA backdates notBefore by IdentityBackdate from "now": give it the now that yields the requested window.
        var clock = new FixedTimeProvider(request.NotBefore + CertificateAuthority.IdentityBackdate);
        System.Security.Cryptography.X509Certificates.X509Certificate2 leaf;
        try
        {
            leaf = authority.IssueIdentityCertificate(csr, clock, request.NotAfter - request.NotBefore);
        }
        catch (CertificateSigningException ex)
        {
            throw new CertificateRequestException(ex.Message, ex);
        }

        using (leaf)
        {
            var chain = new List<string>(authority.Chain.Count + 1) { PemCertificates.ToPem(leaf) };
            chain.AddRange(authority.Chain.Select(c => PemCertificates.ToPem(c)));
            return new IssuedIdentityCertificate(DeviceUuid.Format(deviceId), chain);
        }
    }

    private CertificateAuthority Get(TlsFiles files) =>
        _authorities.GetOrAdd(files, f => new Lazy<CertificateAuthority>(() => Read(f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static CertificateAuthority Read(TlsFiles files)
    {
        var authority = CertificateAuthority.FromPem(File.ReadAllText(files.CertificateFile), File.ReadAllText(files.KeyFile));
        if (!OcfCertificates.IsCertificateAuthority(authority.Certificate))
        {
            authority.Dispose();
            throw new PemFormatException("the certificate is not a CA certificate (basicConstraints CA:TRUE); it cannot sign identity certificates.");
        }

        return authority;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
