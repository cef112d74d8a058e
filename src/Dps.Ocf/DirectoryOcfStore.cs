using Dps.Ocf.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dps.Ocf;

/// <summary>
/// An <see cref="IOcfStore"/> keeping one file per store in a directory. A save writes a temporary
/// file in the same directory, flushes it to disk, renames it over the old file and syncs the
/// directory, so a crash leaves either the old or the new content. Files holding keys are created
/// 0600; a corrupt or truncated file is logged and treated as absent.
/// </summary>
public sealed class DirectoryOcfStore : IOcfStore
{
    private const string TempSuffix = ".tmp";
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PlainMode = SecretMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly ILogger _logger;
    private readonly Lock _lock = new();

    /// <summary>Creates the store, creating <paramref name="directory"/> (0700) if needed.</summary>
    public DirectoryOcfStore(string directory, ILogger<DirectoryOcfStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        DirectoryPath = Path.GetFullPath(directory);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        if (!Directory.Exists(DirectoryPath))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(DirectoryPath);
            }
            else
            {
                Directory.CreateDirectory(DirectoryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    /// <summary>The absolute path of the directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>Test hook called after the temporary file is durable and before the rename.</summary>
    internal Action<string>? BeforeRename { get; set; }

    /// <summary>The path of the file of store <paramref name="name"/>.</summary>
    public string GetPath(string name)
    {
        OcfStoreName.Validate(name);
        return Path.Combine(DirectoryPath, name);
    }

    /// <inheritdoc/>
    public byte[]? Load(string name)
    {
        string path = GetPath(name);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException ex)
        {
            Log.StoreUnreadable(_logger, name, ex);
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            Log.StoreUnreadable(_logger, name, ex);
            return null;
        }

        if (!CborWellFormed.Check(data))
        {
            Log.StoreCorrupt(_logger, name);
            return null;
        }

        return data;
    }

    /// <inheritdoc/>
    public void Save(string name, ReadOnlySpan<byte> data, bool secret = false)
    {
        string path = GetPath(name);
        string temp = path + TempSuffix;
        var mode = secret || OcfStoreName.IsAlwaysSecret(name) ? SecretMode : PlainMode;
        lock (_lock)
        {
            try
            {
                File.Delete(temp);
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

                using (var stream = new FileStream(temp, options))
                {
                    stream.Write(data);
                    stream.Flush(flushToDisk: true);
                }

                BeforeRename?.Invoke(name);
                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }

            int errno = DirectorySync.Sync(DirectoryPath);
            if (errno != 0)
            {
                Log.DirectorySyncFailed(_logger, DirectoryPath, errno);
            }
        }

        Log.StoreSaved(_logger, name, data.Length);
    }

    /// <inheritdoc/>
    public bool Delete(string name)
    {
        string path = GetPath(name);
        lock (_lock)
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            _ = DirectorySync.Sync(DirectoryPath);
            return true;
        }
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
