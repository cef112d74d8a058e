using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security.Internal;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;

namespace Dps.Security;

/// <summary>
/// A PKCS#10 certificate signing request as the DPS credentials step uses it (PROTOCOL §2.7):
/// subject exactly <c>CN=uuid:&lt;device uuid&gt;</c>, no extensions, ecdsa-with-SHA256.
/// </summary>
public sealed class CertificateSigningRequest
{
    /// <summary>The PEM label of a CSR.</summary>
    public const string PemLabel = "CERTIFICATE REQUEST";

    private readonly Pkcs10CertificationRequest _request;
    private readonly byte[] _der;

    private CertificateSigningRequest(Pkcs10CertificationRequest request, byte[] der)
    {
        _request = request;
        _der = der;
        CertificationRequestInfo info = request.GetCertificationRequestInfo();
        Subject = new X500DistinguishedName(info.Subject.GetEncoded(Asn1Encodable.Der));
        CommonName = OcfCertificates.GetCommonName(Subject);
        SubjectPublicKeyInfo = info.SubjectPublicKeyInfo.GetEncoded(Asn1Encodable.Der);
        SignatureAlgorithmOid = request.SignatureAlgorithm.Algorithm.Id;
        HasAttributes = info.Attributes is { Count: > 0 };
    }

    /// <summary>The requested subject.</summary>
    public X500DistinguishedName Subject { get; }

    /// <summary>The subject's common name, or null.</summary>
    public string? CommonName { get; }

    /// <summary>The requested public key as DER SubjectPublicKeyInfo.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    /// <summary>The signature algorithm OID (e.g. <see cref="OcfOids.EcdsaWithSha256"/>).</summary>
    public string SignatureAlgorithmOid { get; }

    /// <summary>True when the request carries attributes (e.g. requested extensions).</summary>
    public bool HasAttributes { get; }

    /// <summary>The DER encoding.</summary>
    public ReadOnlyMemory<byte> Der => _der;

    /// <summary>The device id from <c>CN=uuid:...</c>, or null when the CN has another form.</summary>
    public Guid? DeviceId => OcfCertificates.TryParseDeviceId(CommonName, out Guid id) ? id : null;

    internal Pkcs10CertificationRequest BouncyCastleRequest => _request;

    /// <summary>
    /// Creates a CSR with subject <c>CN=uuid:&lt;deviceId&gt;</c> (lower-case), no extensions, signed
    /// with <paramref name="key"/>; SHA-256 unless <paramref name="hash"/> says otherwise.
    /// </summary>
    public static CertificateSigningRequest Create(ECDsa key, Guid deviceId, HashAlgorithmName? hash = null)
    {
        // UTF8String, as mbedTLS writes it.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(OcfCertificates.ToCommonName(deviceId));
        return Create(key, subject.Build(), hash);
    }

    /// <summary>Creates a CSR for an arbitrary subject (tests and tools), no extensions.</summary>
    public static CertificateSigningRequest Create(ECDsa key, X500DistinguishedName subject, HashAlgorithmName? hash = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        var signer = new EcdsaSignatureFactory(key, hash ?? HashAlgorithmName.SHA256);
        var request = new Pkcs10CertificationRequest(
            signer,
            X509Name.GetInstance(Asn1Object.FromByteArray(subject.RawData)),
            BouncyCastleKeys.PublicKey(key),
            new DerSet());
        return new CertificateSigningRequest(request, request.GetEncoded());
    }

    /// <summary>Creates the CSR PEM a device posts in the credentials step.</summary>
    public static string CreatePem(ECDsa key, Guid deviceId, HashAlgorithmName? hash = null)
    {
        return Create(key, deviceId, hash).ToPem();
    }

    /// <summary>Parses a PEM CSR (the first <c>CERTIFICATE REQUEST</c> block). The signature is not checked.</summary>
    /// <exception cref="PemFormatException">No CSR block or malformed DER.</exception>
    public static CertificateSigningRequest Parse(string pem)
    {
        foreach (PemBlock block in PemReader.ReadBlocks(pem, "CSR PEM"))
        {
            if (block.Label is PemLabel or "NEW CERTIFICATE REQUEST")
            {
                return FromDer(block.Der);
            }
        }

        throw new PemFormatException("CSR PEM: no '-----BEGIN CERTIFICATE REQUEST-----' block found.");
    }

    /// <summary>Parses a DER CSR. The signature is not checked.</summary>
    /// <exception cref="PemFormatException">Malformed DER.</exception>
    public static CertificateSigningRequest FromDer(ReadOnlySpan<byte> der)
    {
        byte[] bytes = der.ToArray();
        try
        {
            var request = new Pkcs10CertificationRequest(bytes);
            return new CertificateSigningRequest(request, bytes);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or InvalidOperationException or IOException or FormatException or InvalidCastException
            || ex.GetType().Namespace?.StartsWith("Org.BouncyCastle", StringComparison.Ordinal) == true)
        {
            throw new PemFormatException("CSR: not a valid DER PKCS#10 certification request.", ex);
        }
    }

    /// <summary>True when the CSR's signature verifies with its own public key.</summary>
    public bool VerifySignature()
    {
        try
        {
            // ECDSA (what OCF devices send) is checked by the platform (OpenSSL), an order of magnitude
            // cheaper than BouncyCastle's managed arithmetic, over the same signed bytes (the DER
            // CertificationRequestInfo); any other algorithm goes through BouncyCastle.
            if (EcdsaHash() is not { } hash)
            {
                return _request.Verify();
            }

            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo.Span, out _);
            byte[] signed = _request.GetCertificationRequestInfo().GetDerEncoded();
            return key.VerifyData(signed, _request.GetSignatureOctets(), hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is CryptographicException or PlatformNotSupportedException or ArgumentException or InvalidOperationException or IOException or FormatException or InvalidCastException
            || ex.GetType().Namespace?.StartsWith("Org.BouncyCastle", StringComparison.Ordinal) == true)
        {
            return false;
        }
    }

    // The hash of an ecdsa-with-SHA256/384 signature (no algorithm parameters), else null.
    private HashAlgorithmName? EcdsaHash()
    {
        if (_request.SignatureAlgorithm.Parameters is not null)
        {
            return null;
        }
        return SignatureAlgorithmOid switch
        {
            OcfOids.EcdsaWithSha256 => HashAlgorithmName.SHA256,
            OcfOids.EcdsaWithSha384 => HashAlgorithmName.SHA384,
            _ => null,
        };
    }

    /// <summary>The requested public key as an ECDsa (owned by the caller).</summary>
    /// <exception cref="CryptographicException">The key is not an EC key.</exception>
    public ECDsa GetPublicKey()
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo.Span, out _);
            return key;
        }
        catch (PlatformNotSupportedException ex)
        {
            // An unknown curve OID surfaces as PlatformNotSupportedException from the OpenSSL import.
            key.Dispose();
            throw new CryptographicException("CSR: the public key's curve is not supported.", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>True when the requested public key equals the public half of <paramref name="key"/>.</summary>
    public bool HasPublicKeyOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SubjectPublicKeyInfo.Span.SequenceEqual(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>PEM encoding: 64-column lines, trailing newline.</summary>
    public string ToPem()
    {
        return PemReader.Write(PemLabel, _der);
    }
}
