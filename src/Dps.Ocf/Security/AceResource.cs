namespace Dps.Ocf.Security;

/// <summary>One entry of an ACE's <c>resources</c>: an <c>href</c> or a wildcard.</summary>
/// <param name="Href">The resource path, or null.</param>
/// <param name="Wildcard">The wildcard, or <see cref="AceWildcard.None"/>.</param>
public sealed record AceResource(string? Href, AceWildcard Wildcard = AceWildcard.None)
{
    /// <summary>A resource named by its path.</summary>
    public static AceResource ForHref(string href) => new(href);

    /// <summary>A wildcard resource.</summary>
    public static AceResource ForWildcard(AceWildcard wildcard) => new(null, wildcard);
}
