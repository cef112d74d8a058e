namespace Dps.Ocf.Security;

/// <summary>The <c>wc</c> of an ACE resource.</summary>
public enum AceWildcard
{
    /// <summary>No wildcard: the resource is named by <c>href</c>.</summary>
    None = 0,

    /// <summary><c>*</c>: every non-configuration resource.</summary>
    All,

    /// <summary><c>+</c>: every discoverable, secured non-configuration resource.</summary>
    AllSecured,

    /// <summary><c>-</c>: every discoverable, public (unsecured) non-configuration resource.</summary>
    AllPublic,
}
