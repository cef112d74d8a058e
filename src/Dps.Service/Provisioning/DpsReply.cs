using Dps.Coap;

namespace Dps.Service.Provisioning;

/// <summary>What the connection does with a request's outcome.</summary>
/// <param name="Response">The response to send, or null when <paramref name="Drop"/>.</param>
/// <param name="CloseAfter">After sending, wait ~1 s and close the connection (every error response, PROTOCOL §8.4).</param>
/// <param name="Drop">Close the connection now without answering (injected fault).</param>
internal sealed record DpsReply(CoapMessage? Response, bool CloseAfter, bool Drop)
{
    /// <summary>A normal reply.</summary>
    public static DpsReply Send(CoapMessage response) => new(response, false, false);

    /// <summary>An error reply followed by a close.</summary>
    public static DpsReply SendAndClose(CoapMessage response) => new(response, true, false);

    /// <summary>No reply; close.</summary>
    public static DpsReply DropConnection() => new(null, true, true);
}
