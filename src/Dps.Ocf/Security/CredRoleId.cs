namespace Dps.Ocf.Security;

/// <summary>The <c>roleid</c> of a role credential: a role and optional authority.</summary>
/// <param name="Role">The role name.</param>
/// <param name="Authority">The authority, or null.</param>
public sealed record CredRoleId(string Role, string? Authority);
