using System.Security.Cryptography;
using System.Text;
using Dps.Security.Internal;

namespace Dps.Security;

/// <summary>
/// EC key pairs: generation and PEM import/export. Accepts PKCS#8 (<c>PRIVATE KEY</c>) and SEC1
/// (<c>EC PRIVATE KEY</c>) private keys; writes PKCS#8.
/// </summary>
public static class EcKeys
{
    /// <summary>The PEM label of an unencrypted PKCS#8 private key.</summary>
    public const string Pkcs8Label = "PRIVATE KEY";

    /// <summary>The PEM label of a SEC1 (RFC 5915) EC private key.</summary>
    public const string Sec1Label = "EC PRIVATE KEY";

    /// <summary>Generates a new key pair on <paramref name="curve"/>.</summary>
    public static ECDsa Generate(EcKeyCurve curve = EcKeyCurve.P256)
    {
        return ECDsa.Create(ToCurve(curve));
    }

    /// <summary>The .NET curve for <paramref name="curve"/>.</summary>
    public static ECCurve ToCurve(EcKeyCurve curve)
    {
        return curve switch
        {
            EcKeyCurve.P256 => ECCurve.NamedCurves.nistP256,
            EcKeyCurve.P384 => ECCurve.NamedCurves.nistP384,
            _ => throw new ArgumentOutOfRangeException(nameof(curve), curve, "unsupported curve"),
        };
    }

    /// <summary>The curve of <paramref name="key"/>, or null when it is neither P-256 nor P-384.</summary>
    public static EcKeyCurve? GetCurve(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.KeySize switch
        {
            256 => EcKeyCurve.P256,
            384 => EcKeyCurve.P384,
            _ => null,
        };
    }

    /// <summary>
    /// Loads the first private key of <paramref name="pem"/> (PKCS#8 or SEC1; <c>EC PARAMETERS</c>
    /// and certificate blocks are skipped).
    /// </summary>
    /// <exception cref="PemFormatException">
    /// No private key is present, it is encrypted, not an EC key, or malformed.
    /// </exception>
    public static ECDsa LoadPrivateKey(string pem)
    {
        foreach (PemBlock block in PemReader.ReadBlocks(pem, "private key PEM"))
        {
            switch (block.Label)
            {
                case Pkcs8Label:
                    return Import(block.Der, pkcs8: true);
                case Sec1Label:
                    return Import(block.Der, pkcs8: false);
                case "ENCRYPTED PRIVATE KEY":
                    throw new PemFormatException("private key PEM: encrypted private keys are not supported.");
                case "RSA PRIVATE KEY":
                    throw new PemFormatException("private key PEM: RSA keys are not supported; an EC key is required.");
                default:
                    continue;
            }
        }

        throw new PemFormatException(
            "private key PEM: no '-----BEGIN PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----' block found.");
    }

    /// <summary>Loads a private key (see <see cref="LoadPrivateKey"/>) from a PEM file.</summary>
    /// <exception cref="PemFormatException">The file holds no valid EC private key.</exception>
    public static ECDsa LoadPrivateKeyFile(string path)
    {
        return LoadPrivateKey(File.ReadAllText(path, Encoding.UTF8));
    }

    /// <summary>Exports the private key as PKCS#8 PEM (64-column lines, trailing newline).</summary>
    public static string ToPkcs8Pem(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] der = key.ExportPkcs8PrivateKey();
        try
        {
            return PemReader.Write(Pkcs8Label, der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>Exports the public key as SubjectPublicKeyInfo PEM (<c>PUBLIC KEY</c>).</summary>
    public static string ToPublicKeyPem(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return PemReader.Write("PUBLIC KEY", key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>True when both keys have the same public key (SubjectPublicKeyInfo).</summary>
    public static bool HaveSamePublicKey(ECDsa a, ECDsa b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(b.ExportSubjectPublicKeyInfo());
    }

    private static ECDsa Import(byte[] der, bool pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            if (pkcs8)
            {
                key.ImportPkcs8PrivateKey(der, out int read);
                if (read != der.Length)
                {
                    throw new PemFormatException("private key PEM: trailing bytes after the PKCS#8 structure.");
                }
            }
            else
            {
                key.ImportECPrivateKey(der, out int read);
                if (read != der.Length)
                {
                    throw new PemFormatException("private key PEM: trailing bytes after the SEC1 structure.");
                }
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or PlatformNotSupportedException)
        {
            // An unknown curve OID surfaces as PlatformNotSupportedException from the OpenSSL import.
            key.Dispose();
            throw new PemFormatException(
                pkcs8
                    ? "private key PEM: the PKCS#8 block is not a valid EC private key."
                    : "private key PEM: the SEC1 'EC PRIVATE KEY' block is not a valid EC private key.",
                ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }
}
