using System.Net.Security;
using Microsoft.Extensions.Logging;

using Dps.Coap.Transport;

namespace Dps.Coap;

/// <summary>Options of <see cref="CoapTcpClient"/> connections.</summary>
public sealed class CoapTcpClientOptions
{
    /// <summary>Time allowed for name resolution, TCP connect and the TLS handshake together. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// TLS settings for <c>coaps+tcp</c> (client certificate, server verification, cipher suites).
    /// When <see cref="SslClientAuthenticationOptions.TargetHost"/> is empty the URI host is used;
    /// ALPN <c>coap</c> is offered when no protocol list is set.
    /// </summary>
    public SslClientAuthenticationOptions? Tls { get; set; }

    /// <summary>Options of the connection made.</summary>
    public CoapConnectionOptions Connection { get; set; } = new();

    /// <summary>Serves requests the peer sends on this connection (null answers 4.04).</summary>
    public ICoapHandler? Handler { get; set; }

    /// <summary>Clock for timeouts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logger for the connection. Default none.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (ConnectTimeout <= TimeSpan.Zero && ConnectTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("ConnectTimeout must be positive.", nameof(ConnectTimeout));
        }

        ArgumentNullException.ThrowIfNull(Connection);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        Connection.Validate();
    }

    internal CoapTcpClientOptions Copy() => new()
    {
        ConnectTimeout = ConnectTimeout,
        Tls = Tls is null ? null : TlsOptionsCopy.Of(Tls),
        Connection = Connection,
        Handler = Handler,
        TimeProvider = TimeProvider,
        Logger = Logger,
    };
}
