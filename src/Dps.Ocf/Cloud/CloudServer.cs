namespace Dps.Ocf.Cloud;

/// <summary>One cloud server of <c>x.org.iotivity.servers</c>: its URI and cloud UUID.</summary>
/// <param name="Uri">The cloud interface server URI (<c>coaps+tcp://…</c>).</param>
/// <param name="Id">The cloud's UUID (<c>sid</c>).</param>
public sealed record CloudServer(string Uri, OcfUuid Id);
