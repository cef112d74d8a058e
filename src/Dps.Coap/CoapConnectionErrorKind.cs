namespace Dps.Coap;

/// <summary>Why a <see cref="CoapConnection"/> ended or an operation on it failed.</summary>
public enum CoapConnectionErrorKind
{
    /// <summary>We closed the connection (<see cref="CoapConnection.CloseAsync"/> or Dispose).</summary>
    ClosedLocally = 0,

    /// <summary>The peer closed the stream.</summary>
    PeerClosed = 1,

    /// <summary>The peer sent Release (7.04).</summary>
    PeerReleased = 2,

    /// <summary>The peer sent Abort (7.05).</summary>
    PeerAborted = 3,

    /// <summary>Reading or writing the stream failed.</summary>
    TransportFailed = 4,

    /// <summary>The peer broke the protocol; we sent Abort.</summary>
    ProtocolError = 5,

    /// <summary>Keep-alive pings went unanswered.</summary>
    KeepAliveTimeout = 6,
}
