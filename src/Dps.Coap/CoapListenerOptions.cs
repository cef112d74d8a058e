using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace Dps.Coap;

/// <summary>Options of <see cref="CoapTcpListener"/>.</summary>
public sealed class CoapListenerOptions
{
    /// <summary>TLS server settings; null serves plain <c>coap+tcp</c>.</summary>
    public SslServerAuthenticationOptions? Tls { get; set; }

    /// <summary>Time a new connection has to finish the TLS handshake. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Options of each accepted connection.</summary>
    public CoapConnectionOptions Connection { get; set; } = new();

    /// <summary>Serves the requests of every accepted connection (null answers 4.04).</summary>
    public ICoapHandler? Handler { get; set; }

    /// <summary>Called once per accepted connection after it has started (e.g. to ask the peer something).
    /// An exception is logged and closes only that connection.</summary>
    public Func<CoapConnection, CancellationToken, Task>? OnConnected { get; set; }

    /// <summary>Largest number of connections served at once; further ones are closed at once. Default 100,000.</summary>
    public int MaxConnections { get; set; } = 100_000;

    /// <summary>Clock for timeouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logger. Default none.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("HandshakeTimeout must be positive.", nameof(HandshakeTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1);
        ArgumentNullException.ThrowIfNull(Connection);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        Connection.Validate();
    }

    internal CoapListenerOptions Copy() => new()
    {
        Tls = Tls is null ? null : Transport.TlsOptionsCopy.Of(Tls),
        HandshakeTimeout = HandshakeTimeout,
        Connection = Connection,
        Handler = Handler,
        OnConnected = OnConnected,
        MaxConnections = MaxConnections,
        TimeProvider = TimeProvider,
        Logger = Logger,
    };
}
