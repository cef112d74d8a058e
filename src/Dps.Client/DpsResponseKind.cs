namespace Dps.Client;

/// <summary>How a DPS request ended: with a CoAP response or with an internal outcome (PROTOCOL.md §3.2).</summary>
public enum DpsResponseKind
{
    /// <summary>A CoAP response arrived; see <see cref="DpsResponse.Code"/>.</summary>
    Response,

    /// <summary><c>OC_REQUEST_TIMEOUT</c>: the request timeout elapsed.</summary>
    RequestTimeout,

    /// <summary><c>OC_TRANSACTION_TIMEOUT</c>: a block-wise transfer timed out.</summary>
    TransactionTimeout,

    /// <summary><c>OC_CONNECTION_CLOSED</c>: the TLS connection was torn down (handshake failure, remote or local close).</summary>
    ConnectionClosed,

    /// <summary><c>OC_CANCELLED</c>: the request was cancelled.</summary>
    Cancelled,

    /// <summary><c>OC_PING_TIMEOUT</c>: a keep-alive ping was not answered.</summary>
    PingTimeout,
}
