using Dps.Coap;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>One request the test hub received, with the fake time of its arrival.</summary>
internal sealed record HubRequest(CoapMessage Message, TimeSpan At, CoapConnection Connection)
{
    public string Path => Message.UriPath;

    public CoapCode Method => Message.Code;

    public List<KeyValuePair<string, object?>> Body => CborTree.DecodeMap(Message.Payload);

    public override string ToString() => $"{Method} {Path} at {At.TotalSeconds} s";
}
