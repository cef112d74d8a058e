namespace Dps.Ocf.Security;

/// <summary>One credential of <c>/oic/sec/cred</c>. Immutable; change with <c>with</c>.</summary>
public sealed record Credential
{
    /// <summary><c>credid</c> (positive once stored; 0 = allocate when added).</summary>
    public int CredId { get; init; }

    /// <summary><c>credtype</c>.</summary>
    public CredType CredType { get; init; }

    /// <summary><c>subjectuuid</c> (may be <see cref="OcfUuid.Wildcard"/>).</summary>
    public OcfUuid Subject { get; init; }

    /// <summary><c>credusage</c>.</summary>
    public CredUsage Usage { get; init; }

    /// <summary><c>publicdata</c> (certificates), or null.</summary>
    public CredData? PublicData { get; init; }

    /// <summary><c>privatedata</c> (PSK or private key), or null. Never logged.</summary>
    public CredData? PrivateData { get; init; }

    /// <summary><c>tag</c>, e.g. <c>dps</c>, or null.</summary>
    public string? Tag { get; init; }

    /// <summary><c>roleid</c>, or null.</summary>
    public CredRoleId? RoleId { get; init; }

    /// <summary>
    /// Same credential apart from its id: credtype, subject, usage, public and private data, tag and
    /// role. An update carrying such a credential keeps the existing one.
    /// </summary>
    public bool IsDuplicateOf(Credential other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CredType == other.CredType
            && Subject == other.Subject
            && Usage == other.Usage
            && Equals(PublicData, other.PublicData)
            && Equals(PrivateData, other.PrivateData)
            && Tag == other.Tag
            && Equals(RoleId, other.RoleId);
    }
}
