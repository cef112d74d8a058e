namespace Dps.Client;

/// <summary>The recognised properties of a <c>POST /plgd/dps</c> body.</summary>
public sealed class DpsConfigurationUpdate
{
    /// <summary><c>endpoint</c>: <c>""</c> deregisters, a URI rebuilds the endpoint list; <see langword="null"/> when absent.</summary>
    public string? Endpoint { get; init; }

    /// <summary><c>endpointName</c>, or <see langword="null"/> when absent.</summary>
    public string? EndpointName { get; init; }

    /// <summary><c>endpoints</c> entries that had a <c>uri</c>, or <see langword="null"/> when absent.</summary>
    public IReadOnlyList<DpsEndpoint>? Endpoints { get; init; }

    /// <summary><c>forceReprovision</c>.</summary>
    public bool ForceReprovision { get; init; }
}
