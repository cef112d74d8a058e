namespace Dps.Coap;

/// <summary>Per-request settings for <see cref="CoapConnection.SendAsync"/>.</summary>
public sealed class CoapRequestOptions
{
    /// <summary>Timeout of each request/response exchange; null uses <see cref="CoapConnectionOptions.RequestTimeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Follow Block2 responses and split large bodies into Block1 pieces transparently. Default true;
    /// false returns each block as it comes.
    /// </summary>
    public bool BlockWise { get; set; } = true;
}
