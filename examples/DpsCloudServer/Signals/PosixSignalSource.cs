using System.Runtime.InteropServices;

namespace DpsCloudServer.Signals;

/// <summary>Real signals through <see cref="PosixSignalRegistration"/>.</summary>
internal sealed class PosixSignalSource : IPosixSignalSource
{
    /// <summary>The one instance.</summary>
    public static PosixSignalSource Instance { get; } = new();

    private PosixSignalSource()
    {
    }

    /// <inheritdoc/>
    public IDisposable Register(PosixSignal signal, Action<PosixSignalContext> handler) =>
        PosixSignalRegistration.Create(signal, handler);
}
