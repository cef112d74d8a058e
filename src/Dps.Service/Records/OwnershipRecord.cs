namespace Dps.Service.Records;

/// <summary>The <c>ownership</c> section.</summary>
/// <param name="Status">Step outcome.</param>
/// <param name="Owner">The owner UUID handed out.</param>
internal sealed record OwnershipRecord(ProvisioningStatus Status, string? Owner);
