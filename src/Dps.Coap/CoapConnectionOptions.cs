using Dps.Coap.Framing;

namespace Dps.Coap;

/// <summary>Settings of one <see cref="CoapConnection"/>; copied when handed to the connection.</summary>
public sealed class CoapConnectionOptions
{
    /// <summary>The default <see cref="MaxMessageSize"/>: 1 MiB of body plus room for the header and options.</summary>
    public const int DefaultMaxMessageSize = (1024 * 1024) + 1024;

    /// <summary>
    /// The Max-Message-Size we advertise in our CSM and the largest frame we accept. Default
    /// <see cref="DefaultMaxMessageSize"/>.
    /// </summary>
    public int MaxMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>Advertise Block-Wise-Transfer in our CSM and use block-wise transfers (BERT) when the peer does too. Default true.</summary>
    public bool BlockWiseTransfer { get; set; } = true;

    /// <summary>
    /// The peer's Max-Message-Size to assume until it sends a CSM. Null means the RFC 8323 default
    /// (1152). A server talking to devices that never send a CSM (iotivity-lite) sets this high so
    /// that whole replies are sent.
    /// </summary>
    public int? AssumePeerMaxMessageSize { get; set; }

    /// <summary>Timeout of one request/response exchange (and of <see cref="CoapConnection.PingAsync(CancellationToken)"/>). Default 10 s; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval between keep-alive pings; null (the default) sends none.</summary>
    public TimeSpan? KeepAliveInterval { get; set; }

    /// <summary>How long a keep-alive ping waits for its Pong. Default 4 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Consecutive unanswered keep-alive pings after which the connection is closed. Default 3.</summary>
    public int KeepAliveMaxMisses { get; set; } = 3;

    /// <summary>Send our CSM when the connection starts (RFC 8323 requires it). Default true.</summary>
    public bool SendCsm { get; set; } = true;

    /// <summary>Incoming requests handled at once; more are answered 5.03. Default 256.</summary>
    public int MaxConcurrentIncomingRequests { get; set; } = 256;

    /// <summary>Largest body reassembled from Block1 uploads or Block2 downloads. Default 4 MiB.</summary>
    public int MaxReassembledBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Leave the stream open when the connection ends (default false: the connection disposes it).</summary>
    public bool LeaveStreamOpen { get; set; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (MaxMessageSize < CoapTcpFramer.DefaultMaxMessageSize || MaxMessageSize > CoapTcpFramer.AbsoluteMaxMessageSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxMessageSize), MaxMessageSize, $"Must be between {CoapTcpFramer.DefaultMaxMessageSize} and {CoapTcpFramer.AbsoluteMaxMessageSize}.");
        }

        if (AssumePeerMaxMessageSize is { } assumed && (assumed < 64 || assumed > CoapTcpFramer.AbsoluteMaxMessageSize))
        {
            throw new ArgumentOutOfRangeException(
                nameof(AssumePeerMaxMessageSize), assumed, $"Must be between 64 and {CoapTcpFramer.AbsoluteMaxMessageSize}.");
        }

        CheckTimeout(RequestTimeout, nameof(RequestTimeout));
        if (KeepAliveInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(KeepAliveInterval), interval, "Must be positive.");
        }

        CheckTimeout(KeepAliveTimeout, nameof(KeepAliveTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(KeepAliveMaxMisses, 1, nameof(KeepAliveMaxMisses));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentIncomingRequests, 1, nameof(MaxConcurrentIncomingRequests));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReassembledBodySize, 16, nameof(MaxReassembledBodySize));
    }

    /// <summary>A copy of these options.</summary>
    public CoapConnectionOptions Clone() => (CoapConnectionOptions)MemberwiseClone();

    internal static void CheckTimeout(TimeSpan timeout, string name)
    {
        if (timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, timeout, "Must be positive or Timeout.InfiniteTimeSpan.");
        }
    }
}
