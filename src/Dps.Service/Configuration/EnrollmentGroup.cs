namespace Dps.Service.Configuration;

/// <summary>An enrollment group (PROTOCOL §8.1): which manufacturer certificates it admits and which hubs it links.</summary>
internal sealed record EnrollmentGroup
{
    /// <summary>The group id (<c>id</c>).</summary>
    public required Guid Id { get; init; }

    /// <summary>The owner id used in tokens (<c>owner</c>).</summary>
    public required string Owner { get; init; }

    /// <summary>The device owner UUID derived from <see cref="Owner"/> (PROTOCOL §2.5).</summary>
    public required Guid OwnerUuid { get; init; }

    /// <summary>The display name (<c>name</c>, defaults to the id).</summary>
    public required string Name { get; init; }

    /// <summary>PEM of the manufacturer CA chain (<c>attestationMechanism.x509.certificateChain</c>), intermediates … root.</summary>
    public required string CertificateChainPem { get; init; }

    /// <summary>CN used to look the group up by the device certificate's issuer (<c>leadCertificateName</c>, default CN of the first chain certificate).</summary>
    public required string LeadCertificateName { get; init; }

    /// <summary>Accept manufacturer certificates outside their validity (<c>expiredCertificateEnabled</c>).</summary>
    public bool ExpiredCertificateEnabled { get; init; }

    /// <summary>The pre-shared key (<c>preSharedKeyFile</c>, ≥ 16 bytes), or null. Never log it.</summary>
    public ReadOnlyMemory<byte>? PreSharedKey { get; init; }

    /// <summary>The linked hubs (<c>hubs</c>), at least one; the first is the default.</summary>
    public required IReadOnlyList<HubSettings> Hubs { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"EnrollmentGroup {Id} ({Name}), owner {Owner}, {Hubs.Count} hub(s)";
}
