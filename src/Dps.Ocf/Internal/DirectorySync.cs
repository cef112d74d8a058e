using System.Runtime.InteropServices;

namespace Dps.Ocf.Internal;

/// <summary>fsync of a directory (makes a rename durable); a no-op on Windows.</summary>
internal static partial class DirectorySync
{
    /// <summary>Syncs <paramref name="directory"/>; returns 0 or the errno of the failure.</summary>
    public static int Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return 0;
        }

        int fd = Open(directory, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            return FSync(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
