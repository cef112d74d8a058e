using System.Net;

namespace Dps.Coap;

public sealed partial class CoapConnection
{
    /// <summary>Our end of the connection, when it runs over a socket.</summary>
    public EndPoint? LocalEndPoint { get; init; }
}
