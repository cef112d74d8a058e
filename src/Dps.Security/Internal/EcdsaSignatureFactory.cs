using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;

namespace Dps.Security.Internal;

/// <summary>
/// A BouncyCastle signature factory that signs with a .NET <see cref="ECDsa"/> key (OpenSSL), so
/// certificate and CSR generation skip BouncyCastle's managed EC arithmetic and the key export to it.
/// The algorithm identifier is the one BouncyCastle writes for ecdsa-with-SHA256/384 (no parameters)
/// and the signature is the DER Ecdsa-Sig-Value, as BouncyCastle produces it.
/// </summary>
internal sealed class EcdsaSignatureFactory : ISignatureFactory
{
    private readonly ECDsa _key;
    private readonly HashAlgorithmName _hash;

    public EcdsaSignatureFactory(ECDsa key, HashAlgorithmName hash)
    {
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _hash = hash;
        AlgorithmDetails = new AlgorithmIdentifier(
            hash == HashAlgorithmName.SHA256 ? X9ObjectIdentifiers.ECDsaWithSha256
            : hash == HashAlgorithmName.SHA384 ? X9ObjectIdentifiers.ECDsaWithSha384
            : throw new ArgumentException($"unsupported signature hash {hash.Name}; use SHA256 or SHA384.", nameof(hash)));
    }

    public object AlgorithmDetails { get; }

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(this);

    // The calculator is the stream the signed bytes are written to (BouncyCastle closes it before
    // asking for the result; ToArray still works then).
    private sealed class Calculator(EcdsaSignatureFactory owner) : MemoryStream, IStreamCalculator<IBlockResult>
    {
        public Stream Stream => this;

        public IBlockResult GetResult()
        {
            byte[] signature = owner._key.SignData(ToArray(), owner._hash, DSASignatureFormat.Rfc3279DerSequence);
            return new SimpleBlockResult(signature);
        }
    }
}
