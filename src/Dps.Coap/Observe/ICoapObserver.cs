namespace Dps.Coap.Observe;

/// <summary>
/// A server-side Observe registration (RFC 7641) accepted by a handler through
/// <see cref="CoapRequestContext.AcceptObserve"/>. Notifications go out on the registration's
/// token with increasing sequence numbers; the peer's deregistration or the end of the connection
/// ends it.
/// </summary>
public interface ICoapObserver : IAsyncDisposable
{
    /// <summary>The registration request.</summary>
    CoapMessage Request { get; }

    /// <summary>True until the registration ends.</summary>
    bool IsActive { get; }

    /// <summary>Cancelled when the registration ends (deregistration, connection closed, dispose, final notification).</summary>
    CancellationToken Ended { get; }

    /// <summary>
    /// Sends a notification (its token and Observe value are set here). Waits until the handler's
    /// first response has been sent, so do not await it inside the handler. A non-2.xx
    /// notification ends the registration.
    /// </summary>
    /// <exception cref="InvalidOperationException">The registration has ended.</exception>
    /// <exception cref="CoapConnectionException">The connection ended.</exception>
    ValueTask NotifyAsync(CoapMessage notification, CancellationToken cancellationToken = default);
}
