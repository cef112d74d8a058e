using System.Net;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap.Observe;

namespace Dps.Coap;

/// <summary>An incoming request and the connection it came on, handed to <see cref="ICoapHandler"/>.</summary>
public sealed class CoapRequestContext
{
    internal CoapRequestContext(CoapConnection connection, CoapMessage request)
    {
        Connection = connection;
        Request = request;
    }

    /// <summary>The connection (to send requests back to the peer, for instance).</summary>
    public CoapConnection Connection { get; }

    /// <summary>The request (a Block1 upload already reassembled).</summary>
    public CoapMessage Request { get; }

    /// <summary>The peer's address, when known.</summary>
    public EndPoint? RemoteEndPoint => Connection.RemoteEndPoint;

    /// <summary>The peer's TLS certificate, when the connection runs over TLS with client authentication.</summary>
    public X509Certificate2? RemoteCertificate => Connection.RemoteCertificate;

    /// <summary>Per-connection state shared by handlers.</summary>
    public IDictionary<string, object?> Items => Connection.Items;

    /// <summary>True when the request asks to observe (GET or FETCH with Observe 0).</summary>
    public bool IsObserveRegistration =>
        Request.Observe == 0 && (Request.Code == CoapCode.Get || Request.Code == CoapCode.Fetch);

    internal ObserverRegistration? Observer { get; private set; }

    /// <summary>
    /// Accepts the Observe registration: the handler's 2.xx response goes out with an Observe
    /// option, and the returned observer sends later notifications. A non-2.xx response cancels it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request is not an Observe registration.</exception>
    public ICoapObserver AcceptObserve()
    {
        if (!IsObserveRegistration)
        {
            throw new InvalidOperationException("The request is not an Observe registration (GET/FETCH with Observe 0).");
        }

        return Observer ??= Connection.CreateObserver(Request);
    }
}
