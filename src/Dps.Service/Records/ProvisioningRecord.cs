namespace Dps.Service.Records;

/// <summary>What the service keeps per manufacturer certificate (PROTOCOL §8.5).</summary>
internal sealed record ProvisioningRecord
{
    /// <summary>The manufacturer certificate id (UUIDv5 of the leaf public key).</summary>
    public required string Id { get; init; }

    /// <summary>The device id, once known from cloud-configuration or credentials.</summary>
    public string? DeviceId { get; init; }

    /// <summary>The enrollment group the device matched.</summary>
    public string? EnrollmentGroupId { get; init; }

    /// <summary>When the record was created.</summary>
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>The group's owner.</summary>
    public string? Owner { get; init; }

    /// <summary>The device's local endpoints (from its <c>/oic/res</c> answer).</summary>
    public IReadOnlyList<string> LocalEndpoints { get; init; } = [];

    /// <summary>The manufacturer certificate.</summary>
    public AttestationRecord? Attestation { get; init; }

    /// <summary>The time step.</summary>
    public ProvisioningStatus? PlgdTime { get; init; }

    /// <summary>The ownership step.</summary>
    public OwnershipRecord? Ownership { get; init; }

    /// <summary>The cloud-configuration step.</summary>
    public CloudRecord? Cloud { get; init; }

    /// <summary>The credentials step.</summary>
    public CredentialRecord? Credential { get; init; }

    /// <summary>The ACL step.</summary>
    public AclRecord? Acl { get; init; }
}
