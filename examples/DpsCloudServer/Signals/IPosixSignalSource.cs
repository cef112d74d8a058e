using System.Runtime.InteropServices;

namespace DpsCloudServer.Signals;

/// <summary>
/// Where POSIX signal handlers are registered: the operating system in the program
/// (<see cref="PosixSignalSource"/>), a fake that raises signals by hand in tests.
/// </summary>
internal interface IPosixSignalSource
{
    /// <summary>Registers <paramref name="handler"/> for <paramref name="signal"/> until the result is disposed.</summary>
    IDisposable Register(PosixSignal signal, Action<PosixSignalContext> handler);
}
