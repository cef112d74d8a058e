using System.Runtime.InteropServices;
using DpsCloudServer.Signals;

namespace Dps.CloudServer.Tests.Signals;

/// <summary>Signals raised by hand: <see cref="Raise"/> calls the registered handlers like the runtime would.</summary>
internal sealed class FakePosixSignalSource : IPosixSignalSource
{
    private readonly List<(PosixSignal Signal, Action<PosixSignalContext> Handler, Registration Registration)> _handlers = [];

    public int ActiveRegistrations => _handlers.Count(h => !h.Registration.IsDisposed);

    public IDisposable Register(PosixSignal signal, Action<PosixSignalContext> handler)
    {
        var registration = new Registration();
        _handlers.Add((signal, handler, registration));
        return registration;
    }

    /// <summary>Raises <paramref name="signal"/>; returns whether a handler cancelled the default action.</summary>
    public bool Raise(PosixSignal signal)
    {
        var context = new PosixSignalContext(signal);
        foreach (var (s, handler, registration) in _handlers.ToList())
        {
            if (s == signal && !registration.IsDisposed)
            {
                handler(context);
            }
        }
        return context.Cancel;
    }

    private sealed class Registration : IDisposable
    {
        public bool IsDisposed { get; private set; }

        public void Dispose() => IsDisposed = true;
    }
}
