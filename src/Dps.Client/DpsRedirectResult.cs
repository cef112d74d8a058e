namespace Dps.Client;

/// <summary>What <see cref="DpsEndpointList.ApplyRedirect"/> did.</summary>
public enum DpsRedirectResult
{
    /// <summary>The redirect URI is empty: nothing changed (plgd logs a warning and reports failure).</summary>
    Empty,

    /// <summary>The redirect URI is already the selected endpoint: nothing changed.</summary>
    AlreadySelected,

    /// <summary>The redirect URI is now selected and the previously selected endpoint removed; close the DPS connection.</summary>
    Redirected,
}
