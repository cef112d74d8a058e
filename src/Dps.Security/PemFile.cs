using System.Security.Cryptography;
using System.Text;

namespace Dps.Security;

/// <summary>
/// Writes PEM (or any text) files atomically: a temporary file in the same directory is written,
/// flushed to disk and renamed over the target. Private-key files are created with mode 0600.
/// </summary>
public static class PemFile
{
    /// <summary>Mode for files holding private keys: owner read/write only (0600).</summary>
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Mode for public files (certificates): 0644.</summary>
    public const UnixFileMode PublicMode = PrivateMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Atomically writes <paramref name="contents"/> (UTF-8, no BOM) to <paramref name="path"/>,
    /// creating it with <paramref name="mode"/> (ignored on Windows).
    /// </summary>
    public static void WriteAtomic(string path, string contents, UnixFileMode mode)
    {
        ArgumentNullException.ThrowIfNull(contents);
        byte[] bytes = Encoding.UTF8.GetBytes(contents);
        try
        {
            WriteAtomic(path, bytes, mode);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Atomically writes <paramref name="contents"/> to <paramref name="path"/> with <paramref name="mode"/>.</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> contents, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Atomically writes the private key as PKCS#8 PEM to <paramref name="path"/> with mode 0600.</summary>
    public static void WritePrivateKey(string path, ECDsa key)
    {
        WriteAtomic(path, EcKeys.ToPkcs8Pem(key), PrivateMode);
    }

    /// <summary>Atomically writes certificates as PEM to <paramref name="path"/> with mode 0644.</summary>
    public static void WriteCertificates(string path, IEnumerable<System.Security.Cryptography.X509Certificates.X509Certificate2> certificates)
    {
        WriteAtomic(path, PemCertificates.ToPem(certificates), PublicMode);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
