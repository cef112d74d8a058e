namespace Dps.Coap;

/// <summary>Serves the requests a peer sends on a <see cref="CoapConnection"/>.</summary>
public interface ICoapHandler
{
    /// <summary>
    /// Handles one request and returns the response (its token is set by the connection). Runs
    /// concurrently with other requests; an exception becomes a 5.00 response.
    /// </summary>
    /// <param name="context">The request and its connection.</param>
    /// <param name="cancellationToken">Cancelled when the connection ends.</param>
    ValueTask<CoapMessage> HandleAsync(CoapRequestContext context, CancellationToken cancellationToken);
}
