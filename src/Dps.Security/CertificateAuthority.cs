using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security.Internal;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using X509Extension = System.Security.Cryptography.X509Certificates.X509Extension;

namespace Dps.Security;

/// <summary>
/// A CA certificate with its private key that issues certificates: intermediate CAs, TLS server
/// certificates, manufacturer device certificates and OCF identity certificates from a CSR
/// (PROTOCOL §8.3). Signatures are ecdsa-with-SHA256 unless <see cref="SignatureHash"/> says otherwise.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>Default identity certificate lifetime of the plgd CA (<c>signer.expiresIn</c> = 87600 h).</summary>
    public static readonly TimeSpan DefaultIdentityValidity = TimeSpan.FromHours(87600);

    /// <summary>How far back an identity certificate's notBefore is set (<c>signer.validFrom</c> = now − 1 h).</summary>
    public static readonly TimeSpan IdentityBackdate = TimeSpan.FromHours(1);

    private readonly ECDsa _key;
    private readonly X509Certificate2[] _issuers;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa key, X509Certificate2[] issuers)
    {
        Certificate = certificate;
        _key = key;
        _issuers = issuers;
    }

    /// <summary>This CA's certificate (without private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificates above this CA, nearest first, up to and including the root (empty for a root).</summary>
    public IReadOnlyList<X509Certificate2> IssuerChain => _issuers;

    /// <summary>This CA followed by <see cref="IssuerChain"/>: what is appended to an issued leaf.</summary>
    public IReadOnlyList<X509Certificate2> Chain => [Certificate, .. _issuers];

    /// <summary>The root of the chain (this CA when it is a root).</summary>
    public X509Certificate2 Root => _issuers.Length == 0 ? Certificate : _issuers[^1];

    /// <summary>Hash used for signatures (SHA256 or SHA384); default SHA256.</summary>
    public HashAlgorithmName SignatureHash { get; set; } = HashAlgorithmName.SHA256;

    /// <summary>Creates a self-signed root CA (CA:TRUE, keyCertSign + cRLSign).</summary>
    /// <param name="subject">Subject and issuer name, e.g. <c>CN=Example OCF Root CA</c>.</param>
    /// <param name="key">The CA key (copied; the caller keeps ownership).</param>
    /// <param name="notBefore">Start of validity.</param>
    /// <param name="notAfter">End of validity.</param>
    /// <param name="pathLength">Optional path length constraint.</param>
    public static CertificateAuthority CreateRoot(X500DistinguishedName subject, ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter, int? pathLength = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(key);
        byte[] ski = SubjectKeyId(key);
        X509Name name = ToX509Name(subject);
        X509Certificate2 certificate = Sign(
            name,
            name,
            BouncyCastleKeys.PublicKey(key),
            notBefore,
            notAfter,
            key,
            HashAlgorithmName.SHA256,
            ski,
            ski,
            generator => AddCaExtensions(generator, pathLength));
        return new CertificateAuthority(certificate, CopyKey(key), []);
    }

    /// <summary>
    /// Wraps an existing CA certificate and key (e.g. loaded from the service's configuration).
    /// </summary>
    /// <param name="certificate">The CA certificate.</param>
    /// <param name="key">Its private key (copied).</param>
    /// <param name="issuerChain">Certificates above it up to the root, nearest first.</param>
    /// <exception cref="ArgumentException">The key does not match the certificate.</exception>
    public static CertificateAuthority Create(X509Certificate2 certificate, ECDsa key, IEnumerable<X509Certificate2>? issuerChain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(key);
        using ECDsa? publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null || !EcKeys.HaveSamePublicKey(publicKey, key))
        {
            throw new ArgumentException("the CA private key does not match the CA certificate.", nameof(key));
        }

        return new CertificateAuthority(
            Copy(certificate),
            CopyKey(key),
            issuerChain is null ? [] : issuerChain.Select(Copy).ToArray());
    }

    /// <summary>
    /// Loads a CA from PEM: <paramref name="certificatesPem"/> = the CA certificate then its issuers
    /// up to the root; <paramref name="privateKeyPem"/> = its key (PKCS#8 or SEC1).
    /// </summary>
    /// <exception cref="PemFormatException">Malformed PEM or a key that does not match.</exception>
    public static CertificateAuthority FromPem(string certificatesPem, string privateKeyPem)
    {
        IReadOnlyList<X509Certificate2> chain = PemCertificates.LoadChain(certificatesPem);
        try
        {
            using ECDsa key = EcKeys.LoadPrivateKey(privateKeyPem);
            try
            {
                return Create(chain[0], key, chain.Skip(1));
            }
            catch (ArgumentException ex)
            {
                throw new PemFormatException("the CA private key does not match the first certificate.", ex);
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

    /// <summary>Issues an intermediate CA (CA:TRUE with <paramref name="pathLength"/>, keyCertSign + cRLSign).</summary>
    public CertificateAuthority IssueIntermediate(X500DistinguishedName subject, ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter, int? pathLength = 0)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(key);
        X509Certificate2 certificate = IssueCore(
            ToX509Name(subject),
            key,
            notBefore,
            notAfter,
            generator => AddCaExtensions(generator, pathLength));
        return new CertificateAuthority(certificate, CopyKey(key), [.. Chain.Select(Copy)]);
    }

    /// <summary>
    /// Issues a TLS server certificate (KU digitalSignature + keyAgreement, EKU serverAuth +
    /// clientAuth) with DNS and IP subject alternative names.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(
        X500DistinguishedName subject,
        ECDsa publicKey,
        IEnumerable<string> dnsNames,
        IEnumerable<IPAddress> ipAddresses,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(ipAddresses);
        var san = new SubjectAlternativeNameBuilder();
        bool any = false;
        foreach (string dns in dnsNames)
        {
            san.AddDnsName(dns);
            any = true;
        }

        foreach (IPAddress ip in ipAddresses)
        {
            san.AddIpAddress(ip);
            any = true;
        }

        X509Extension? sanExtension = any ? san.Build(critical: false) : null;
        return IssueCore(ToX509Name(subject), publicKey, notBefore, notAfter, generator =>
        {
            AddLeafExtensions(generator, [OcfOids.ServerAuth, OcfOids.ClientAuth]);
            if (sanExtension is not null)
            {
                Add(generator, sanExtension);
            }
        });
    }

    /// <summary>
    /// Issues a manufacturer device certificate like <c>make-pki.sh mfg-device</c>: KU
    /// digitalSignature + keyAgreement (critical), EKU serverAuth + clientAuth + OCF identity.
    /// </summary>
    public X509Certificate2 IssueDeviceCertificate(X500DistinguishedName subject, ECDsa publicKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return IssueCore(ToX509Name(subject), publicKey, notBefore, notAfter, generator =>
            AddLeafExtensions(generator, [OcfOids.ServerAuth, OcfOids.ClientAuth, OcfOids.OcfIdentity]));
    }

    /// <summary>
    /// Signs an OCF identity certificate for a device CSR the way the plgd certificate authority
    /// does (PROTOCOL §8.3): signature checked; CN must be <c>uuid:</c> + 8-4-4-4-12 hex; subject
    /// copied from the CSR; notBefore = now − 1 h, notAfter = notBefore + <paramref name="validity"/>,
    /// both clamped to this CA chain's validity; KU digitalSignature + keyAgreement; EKU serverAuth +
    /// clientAuth + OCF identity; random 128-bit serial. Extensions requested in the CSR are not copied.
    /// </summary>
    /// <param name="request">The device's CSR.</param>
    /// <param name="timeProvider">Source of "now".</param>
    /// <param name="validity">Lifetime; default <see cref="DefaultIdentityValidity"/>.</param>
    /// <exception cref="CertificateSigningException">Bad signature, bad CN, or no validity left.</exception>
    public X509Certificate2 IssueIdentityCertificate(CertificateSigningRequest request, TimeProvider timeProvider, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!request.VerifySignature())
        {
            throw new CertificateSigningException("the CSR signature does not verify.");
        }

        if (request.DeviceId is null)
        {
            throw new CertificateSigningException("the CSR subject CN must be 'uuid:' followed by a UUID (8-4-4-4-12 hex).");
        }

        ECDsa publicKey;
        try
        {
            publicKey = request.GetPublicKey();
        }
        catch (CryptographicException ex)
        {
            throw new CertificateSigningException("the CSR public key is not an EC key.", ex);
        }

        using (publicKey)
        {
            DateTimeOffset notBefore = timeProvider.GetUtcNow() - IdentityBackdate;
            DateTimeOffset notAfter = notBefore + (validity ?? DefaultIdentityValidity);
            foreach (X509Certificate2 ca in Chain)
            {
                DateTimeOffset caNotBefore = new(ca.NotBefore.ToUniversalTime(), TimeSpan.Zero);
                DateTimeOffset caNotAfter = new(ca.NotAfter.ToUniversalTime(), TimeSpan.Zero);
                notBefore = notBefore < caNotBefore ? caNotBefore : notBefore;
                notAfter = notAfter > caNotAfter ? caNotAfter : notAfter;
            }

            if (notAfter <= notBefore)
            {
                throw new CertificateSigningException("the signing CA chain's validity leaves no room for the certificate.");
            }

            X509Name subject = request.BouncyCastleRequest.GetCertificationRequestInfo().Subject;
            return IssueCore(subject, publicKey, notBefore, notAfter, generator =>
                AddLeafExtensions(generator, [OcfOids.ServerAuth, OcfOids.ClientAuth, OcfOids.OcfIdentity]));
        }
    }

    /// <summary>The private key (owned by the caller).</summary>
    public ECDsa ExportPrivateKey()
    {
        return CopyKey(_key);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
        foreach (X509Certificate2 c in _issuers)
        {
            c.Dispose();
        }
    }

    private X509Certificate2 IssueCore(X509Name subject, ECDsa publicKey, DateTimeOffset notBefore, DateTimeOffset notAfter, Action<X509V3CertificateGenerator> extensions)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Sign(
            subject,
            ToX509Name(Certificate.SubjectName),
            BouncyCastleKeys.PublicKey(publicKey),
            notBefore,
            notAfter,
            _key,
            SignatureHash,
            SubjectKeyId(publicKey),
            IssuerKeyId(),
            extensions);
    }

    private byte[] IssuerKeyId()
    {
        foreach (X509Extension extension in Certificate.Extensions)
        {
            if (extension is X509SubjectKeyIdentifierExtension ski)
            {
                return ski.SubjectKeyIdentifierBytes.ToArray();
            }
        }

        return SubjectKeyId(_key);
    }

    private static X509Certificate2 Sign(
        X509Name subject,
        X509Name issuer,
        AsymmetricKeyParameter publicKey,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        ECDsa signingKey,
        HashAlgorithmName hash,
        byte[] subjectKeyId,
        byte[] authorityKeyId,
        Action<X509V3CertificateGenerator> extensions)
    {
        if (notAfter <= notBefore)
        {
            throw new ArgumentException("notAfter must be later than notBefore.", nameof(notAfter));
        }

        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(RandomSerial());
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(TruncateToSeconds(notBefore));
        generator.SetNotAfter(TruncateToSeconds(notAfter));
        generator.SetPublicKey(publicKey);
        extensions(generator);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
        var signer = new EcdsaSignatureFactory(signingKey, hash);
        Org.BouncyCastle.X509.X509Certificate certificate = generator.Generate(signer);
        return X509CertificateLoader.LoadCertificate(certificate.GetEncoded());
    }

    private static void AddCaExtensions(X509V3CertificateGenerator generator, int? pathLength)
    {
        Add(generator, new X509BasicConstraintsExtension(true, pathLength.HasValue, pathLength ?? 0, critical: true));
        Add(generator, new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
    }

    private static void AddLeafExtensions(X509V3CertificateGenerator generator, string[] extendedKeyUsages)
    {
        Add(generator, new X509BasicConstraintsExtension(false, false, 0, critical: true));
        Add(generator, new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        var usages = new OidCollection();
        foreach (string oid in extendedKeyUsages)
        {
            usages.Add(new Oid(oid));
        }

        Add(generator, new X509EnhancedKeyUsageExtension(usages, critical: false));
    }

    private static void Add(X509V3CertificateGenerator generator, X509Extension extension)
    {
        generator.AddExtension(
            new DerObjectIdentifier(extension.Oid!.Value!),
            extension.Critical,
            Asn1Object.FromByteArray(extension.RawData));
    }

    private static BigInteger RandomSerial()
    {
        Span<byte> bytes = stackalloc byte[16];
        do
        {
            RandomNumberGenerator.Fill(bytes);
        }
        while (bytes[0] == 0);

        return new BigInteger(1, bytes.ToArray());
    }

    private static DateTime TruncateToSeconds(DateTimeOffset time)
    {
        DateTime utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static byte[] SubjectKeyId(ECDsa key)
    {
        var extension = new X509SubjectKeyIdentifierExtension(
            new PublicKey(key), X509SubjectKeyIdentifierHashAlgorithm.Sha1, critical: false);
        return extension.SubjectKeyIdentifierBytes.ToArray();
    }

    private static X509Name ToX509Name(X500DistinguishedName name)
    {
        return X509Name.GetInstance(Asn1Object.FromByteArray(name.RawData));
    }

    private static X509Certificate2 Copy(X509Certificate2 certificate)
    {
        return X509CertificateLoader.LoadCertificate(certificate.RawDataMemory.Span);
    }

    private static ECDsa CopyKey(ECDsa key)
    {
        byte[] pkcs8 = key.ExportPkcs8PrivateKey();
        var copy = ECDsa.Create();
        try
        {
            copy.ImportPkcs8PrivateKey(pkcs8, out _);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
