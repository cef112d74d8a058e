using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Dps.Client;

/// <summary>
/// Per-context settings beside <see cref="DpsClientOptions"/>: clock, randomness, logging, a random
/// start-up delay for fleets and an explicit DPS trust-anchor list. Copied when handed in.
/// </summary>
public sealed class DpsContextOptions
{
    /// <summary>The clock of every wait and timeout. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The peer Max-Message-Size assumed on DPS connections (256 KiB): go-coap's CSM carries no
    /// Max-Message-Size, and the RFC 8323 default (1152) is too small for a CSR.
    /// </summary>
    internal const int AssumedPeerMaxMessageSize = 256 * 1024;

    /// <summary>Jitter source of the retry delays and the start-up delay (used from the context's executor only: do not share one seeded instance between contexts); null makes a new one per context.</summary>
    public Random? Random { get; set; }

    /// <summary>Logs of the context; null for none.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// A random wait in [0, this) before the first attempt after <see cref="DpsContext.Start"/>, so a
    /// fleet powered on together does not hit the DPS at once. Default zero: the first attempt goes out at once.
    /// </summary>
    public TimeSpan MaxStartupDelay { get; set; }

    /// <summary>
    /// The CAs the DPS server certificate must chain to; null (default) uses the device's
    /// <c>mfgtrustca</c> and <c>trustca</c> credentials.
    /// </summary>
    public IList<X509Certificate2>? TrustAnchors { get; set; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="InvalidOperationException">A value is missing or out of range.</exception>
    public void Validate()
    {
        if (TimeProvider is null)
        {
            throw new InvalidOperationException("TimeProvider must not be null.");
        }
        if (MaxStartupDelay < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"MaxStartupDelay is {MaxStartupDelay}; it must not be negative.");
        }
    }

    /// <summary>A copy (certificates shared).</summary>
    public DpsContextOptions Clone() => new()
    {
        TimeProvider = TimeProvider,
        Random = Random,
        Logger = Logger,
        MaxStartupDelay = MaxStartupDelay,
        TrustAnchors = TrustAnchors is null ? null : [.. TrustAnchors],
    };
}
