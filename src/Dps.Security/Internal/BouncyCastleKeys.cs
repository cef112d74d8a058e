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

    /// <summary>SHA-384 for P-384 keys, SHA-256 otherwise.</summary>
    public static HashAlgorithmName DefaultHash(ECDsa key)
    {
        return key.KeySize >= 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
    }
}
