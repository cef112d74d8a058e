namespace Dps.Coap;

/// <summary>Data of <see cref="CoapConnection.Closed"/>.</summary>
public sealed class CoapConnectionClosedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public CoapConnectionClosedEventArgs(CoapConnectionException reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Reason = reason;
    }

    /// <summary>Why the connection ended; <see cref="CoapConnectionException.Kind"/> is <see cref="CoapConnectionErrorKind.ClosedLocally"/> for our own close.</summary>
    public CoapConnectionException Reason { get; }

    /// <summary>Shortcut for <c>Reason.Kind</c>.</summary>
    public CoapConnectionErrorKind Kind => Reason.Kind;
}
