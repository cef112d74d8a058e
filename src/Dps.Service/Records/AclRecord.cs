namespace Dps.Service.Records;

/// <summary>The <c>acl</c> section.</summary>
/// <param name="Status">Step outcome.</param>
/// <param name="Subjects">The ACE subjects handed out (owner, <c>anon-clear</c>, hub ids).</param>
internal sealed record AclRecord(ProvisioningStatus Status, IReadOnlyList<string> Subjects);
