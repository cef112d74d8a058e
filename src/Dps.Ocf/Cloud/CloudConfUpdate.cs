namespace Dps.Ocf.Cloud;

/// <summary>An accepted <c>/CoapCloudConfResURI</c> POST, ready for <see cref="CloudConfiguration.Apply"/>.</summary>
public sealed class CloudConfUpdate
{
    /// <summary><c>cis: ""</c>: deregister (10 s timeout) and reset the configuration.</summary>
    public bool IsReset => CiServer.Length == 0;

    /// <summary><c>cis</c>.</summary>
    public required string CiServer { get; init; }

    /// <summary><c>sid</c> (nil for a reset).</summary>
    public OcfUuid Sid { get; init; }

    /// <summary><c>at</c>, or null. Secret.</summary>
    public string? AccessToken { get; init; }

    /// <summary><c>apn</c>, or null.</summary>
    public string? AuthProvider { get; init; }

    /// <summary><c>x.org.iotivity.servers</c>, empty if absent.</summary>
    public IReadOnlyList<CloudServer> Servers { get; init; } = [];

    /// <summary>Hides the token.</summary>
    public override string ToString() => IsReset ? "reset" : "cis=" + CiServer + " sid=" + Sid;
}
