using System.Collections.Concurrent;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Identity;

namespace Dps.Service.Certificates;

/// <summary>
/// <see cref="ICertificateAuthority"/> over Dps.Security: each hub's <c>certificateAuthority</c>
/// files (CA certificate then its issuers up to the root, and the CA key) sign the device CSRs
/// (PROTOCOL §8.3). The CAs are loaded once per file pair; signing runs off the caller's thread.
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

        var authority = _authorities.GetOrAdd(
            request.Hub.CertificateAuthority,
            files => new Lazy<CertificateAuthority>(() => Load(files), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

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

    private static CertificateAuthority Load(TlsFiles files) =>
        CertificateAuthority.FromPem(File.ReadAllText(files.CertificateFile), File.ReadAllText(files.KeyFile));

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
