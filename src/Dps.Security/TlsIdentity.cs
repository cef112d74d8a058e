using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Dps.Security;

/// <summary>
/// A certificate with its private key plus the intermediates sent with it in a TLS Certificate
/// message (e.g. the manufacturer chain or the DPS-issued identity chain). Usable by
/// <see cref="System.Net.Security.SslStream"/> on Linux without a PFX round-trip.
/// </summary>
public sealed class TlsIdentity : IDisposable
{
    private readonly X509Certificate2[] _intermediates;
    private readonly Lazy<SslStreamCertificateContext> _context;

    private TlsIdentity(X509Certificate2 certificate, X509Certificate2[] intermediates)
    {
        Certificate = certificate;
        _intermediates = intermediates;
        _context = new Lazy<SslStreamCertificateContext>(
            () => SslStreamCertificateContext.Create(Certificate, new X509Certificate2Collection(_intermediates), offline: true));
    }

    /// <summary>The leaf certificate; <see cref="X509Certificate2.HasPrivateKey"/> is true.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Intermediate CA certificates sent after the leaf, leaf-side first.</summary>
    public IReadOnlyList<X509Certificate2> Intermediates => _intermediates;

    /// <summary>Leaf followed by the intermediates.</summary>
    public IReadOnlyList<X509Certificate2> Chain => [Certificate, .. _intermediates];

    /// <summary>
    /// Pairs a certificate with its private key. The key's public half must match the certificate.
    /// </summary>
    /// <param name="certificate">The leaf (its own private key, if any, is ignored).</param>
    /// <param name="privateKey">The leaf's EC private key (copied; the caller keeps ownership).</param>
    /// <param name="intermediates">Certificates sent after the leaf.</param>
    /// <exception cref="ArgumentException">The key does not belong to the certificate.</exception>
    public static TlsIdentity Create(X509Certificate2 certificate, ECDsa privateKey, IEnumerable<X509Certificate2>? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(privateKey);
        using ECDsa? certificateKey = certificate.GetECDsaPublicKey();
        if (certificateKey is null || !EcKeys.HaveSamePublicKey(certificateKey, privateKey))
        {
            throw new ArgumentException("the private key does not match the certificate's public key.", nameof(privateKey));
        }

        using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawDataMemory.Span);
        X509Certificate2 withKey = publicOnly.CopyWithPrivateKey(privateKey);
        X509Certificate2[] rest = intermediates is null
            ? []
            : intermediates.Select(c => X509CertificateLoader.LoadCertificate(c.RawDataMemory.Span)).ToArray();
        return new TlsIdentity(withKey, rest);
    }

    /// <summary>
    /// Loads an identity from PEM: <paramref name="certificatesPem"/> holds the leaf first and then
    /// the intermediates; <paramref name="privateKeyPem"/> holds the key (PKCS#8 or SEC1). When
    /// <paramref name="privateKeyPem"/> is null the key is taken from <paramref name="certificatesPem"/>
    /// (a combined file such as <c>mfg-device-full.pem</c>).
    /// </summary>
    /// <exception cref="PemFormatException">Malformed PEM, no key, or a key that does not match.</exception>
    public static TlsIdentity FromPem(string certificatesPem, string? privateKeyPem = null)
    {
        IReadOnlyList<X509Certificate2> chain = PemCertificates.LoadChain(certificatesPem);
        try
        {
            using ECDsa key = EcKeys.LoadPrivateKey(privateKeyPem ?? certificatesPem);
            try
            {
                return Create(chain[0], key, chain.Skip(1));
            }
            catch (ArgumentException ex)
            {
                throw new PemFormatException("the private key does not match the first certificate of the chain.", ex);
            }
        }
        finally
        {
            foreach (X509Certificate2 c in chain)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>Loads an identity from PEM files (see <see cref="FromPem"/>).</summary>
    /// <exception cref="PemFormatException">Malformed PEM, no key, or a key that does not match.</exception>
    public static TlsIdentity FromPemFiles(string certificatesPath, string? privateKeyPath = null)
    {
        string certificates = File.ReadAllText(certificatesPath, Encoding.UTF8);
        string? key = privateKeyPath is null ? null : File.ReadAllText(privateKeyPath, Encoding.UTF8);
        return FromPem(certificates, key);
    }

    /// <summary>
    /// The SslStream certificate context that sends the leaf and the intermediates (created once).
    /// </summary>
    public SslStreamCertificateContext GetCertificateContext()
    {
        return _context.Value;
    }

    /// <summary>The private key as an ECDsa instance (owned by the caller).</summary>
    public ECDsa GetPrivateKey()
    {
        return Certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("the identity certificate has no EC private key.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        foreach (X509Certificate2 c in _intermediates)
        {
            c.Dispose();
        }
    }
}
