using System.Runtime.InteropServices;

namespace Dps.Testing.Processes;

internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
