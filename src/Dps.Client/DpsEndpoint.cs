namespace Dps.Client;

/// <summary>A DPS endpoint address: a <c>coaps+tcp://host:port</c> URI and an optional name.</summary>
public sealed record DpsEndpoint
{
    /// <summary>Creates an endpoint address.</summary>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is empty or longer than <see cref="MaxUriLength"/>.</exception>
    public DpsEndpoint(string uri, string name = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(name);
        if (uri.Length > MaxUriLength)
        {
            throw new ArgumentException($"The endpoint URI is longer than {MaxUriLength} characters.", nameof(uri));
        }
        Uri = uri;
        Name = name;
    }

    /// <summary>The longest accepted URI, in characters.</summary>
    public const int MaxUriLength = 256;

    /// <summary>The URI, e.g. <c>coaps+tcp://dps.example.com:15684</c>.</summary>
    public string Uri { get; }

    /// <summary>The name ("" when unnamed).</summary>
    public string Name { get; }
}
