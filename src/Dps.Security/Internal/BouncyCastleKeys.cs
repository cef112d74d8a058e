using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Dps.Security.Internal;

/// <summary>Moves keys between .NET and BouncyCastle through their standard DER forms.</summary>
internal static class BouncyCastleKeys
{
    public static AsymmetricKeyParameter PublicKey(ECDsa key)
    {
        return PublicKeyFactory.CreateKey(key.ExportSubjectPublicKeyInfo());
    }

    public static AsymmetricKeyParameter PrivateKey(ECDsa key)
    {
        byte[] pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return PrivateKeyFactory.CreateKey(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The BouncyCastle signature algorithm name for ECDSA with <paramref name="hash"/>.</summary>
    public static string EcdsaSignatureAlgorithm(HashAlgorithmName hash)
    {
        return hash == HashAlgorithmName.SHA256 ? "SHA256WITHECDSA"
            : hash == HashAlgorithmName.SHA384 ? "SHA384WITHECDSA"
            : throw new ArgumentException($"unsupported signature hash {hash.Name}; use SHA256 or SHA384.", nameof(hash));
    }

    /// <summary>SHA-384 for P-384 keys, SHA-256 otherwise.</summary>
    public static HashAlgorithmName DefaultHash(ECDsa key)
    {
        return key.KeySize >= 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
    }
}
