using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;

namespace DpsCloudServer.Pki;

/// <summary>
/// The credentials of <c>pki_certs/</c> (PROTOCOL.md §6): the manufacturer certificate chain
/// <c>mfgcrt.pem</c> with its key <c>mfgkey.pem</c> (installed as <c>mfgcert</c>, security profile
/// black) and the manufacturer trust anchor <c>dpsca.pem</c> for the DPS server (installed as
/// <c>mfgtrustca</c>; not loaded with <c>-n</c> or <c>-x</c>).
/// </summary>
internal sealed class ManufacturerCredentials : IDisposable
{
    /// <summary>The trust anchor file name.</summary>
    public const string TrustAnchorFileName = "dpsca.pem";

    /// <summary>The manufacturer certificate chain file name (leaf first).</summary>
    public const string CertificateFileName = "mfgcrt.pem";

    /// <summary>The manufacturer private key file name.</summary>
    public const string PrivateKeyFileName = "mfgkey.pem";

    private ManufacturerCredentials(TlsIdentity identity, IReadOnlyList<X509Certificate2> trustAnchors)
    {
        Identity = identity;
        TrustAnchors = trustAnchors;
    }

    /// <summary>The manufacturer certificate with its key and intermediates.</summary>
    public TlsIdentity Identity { get; }

    /// <summary>The certificates of <c>dpsca.pem</c>; empty when the trust anchor was not loaded.</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors { get; }

    /// <summary>Loads the files of <paramref name="directory"/>.</summary>
    /// <param name="directory">The <c>pki_certs/</c> directory.</param>
    /// <param name="loadTrustAnchor">Whether <c>dpsca.pem</c> is loaded (false with <c>-n</c> or <c>-x</c>).</param>
    /// <exception cref="PkiLoadException">A file is missing, unreadable or malformed, or the key does not match.</exception>
    public static ManufacturerCredentials Load(string directory, bool loadTrustAnchor)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new PkiLoadException($"certificate directory '{directory}' does not exist.") { FilePath = directory };
        }

        IReadOnlyList<X509Certificate2> trustAnchors = [];
        if (loadTrustAnchor)
        {
            trustAnchors = LoadFile(Path.Combine(directory, TrustAnchorFileName), PemCertificates.LoadChainFile);
        }
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, PrivateKeyFileName);
        IReadOnlyList<X509Certificate2>? chain = null;
        try
        {
            chain = LoadFile(certificatePath, PemCertificates.LoadChainFile);
            using ECDsa key = LoadFile(keyPath, EcKeys.LoadPrivateKeyFile);
            try
            {
                var identity = TlsIdentity.Create(chain[0], key, chain.Skip(1));
                return new ManufacturerCredentials(identity, trustAnchors);
            }
            catch (ArgumentException ex)
            {
                throw new PkiLoadException(
                    $"{keyPath}: the private key does not belong to the first certificate of {certificatePath}.", ex)
                {
                    FilePath = keyPath,
                };
            }
        }
        catch
        {
            Dispose(trustAnchors);
            throw;
        }
        finally
        {
            if (chain is not null)
            {
                Dispose(chain);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Identity.Dispose();
        Dispose(TrustAnchors);
    }

    private static T LoadFile<T>(string path, Func<string, T> load)
    {
        if (Directory.Exists(path))
        {
            throw new PkiLoadException($"{path}: is a directory, not a PEM file.") { FilePath = path };
        }
        try
        {
            return load(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new PkiLoadException($"{path}: file not found.", ex) { FilePath = path };
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new PkiLoadException($"{path}: directory not found.", ex) { FilePath = path };
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PkiLoadException($"{path}: permission denied.", ex) { FilePath = path };
        }
        catch (PemFormatException ex)
        {
            throw new PkiLoadException($"{path}: malformed PEM: {ex.Message}", ex) { FilePath = path };
        }
        catch (IOException ex)
        {
            throw new PkiLoadException($"{path}: cannot be read: {ex.Message}", ex) { FilePath = path };
        }
        catch (CryptographicException ex)
        {
            throw new PkiLoadException($"{path}: not a usable certificate or key.", ex) { FilePath = path };
        }
    }

    private static void Dispose(IReadOnlyList<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
