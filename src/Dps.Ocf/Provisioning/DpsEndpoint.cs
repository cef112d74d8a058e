namespace Dps.Ocf.Provisioning;

/// <summary>A DPS endpoint: its URI and an optional name.</summary>
/// <param name="Uri">The endpoint URI (<c>coaps+tcp://host:port</c>).</param>
/// <param name="Name">Its name (may be empty).</param>
public sealed record DpsEndpoint(string Uri, string Name);
