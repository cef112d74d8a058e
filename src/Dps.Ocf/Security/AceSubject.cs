namespace Dps.Ocf.Security;

/// <summary>The <c>subject</c> of an ACE: a UUID, a role, or a connection type.</summary>
public sealed record AceSubject
{
    private AceSubject(AceSubjectKind kind) => Kind = kind;

    /// <summary>What the subject names.</summary>
    public AceSubjectKind Kind { get; }

    /// <summary>The peer UUID (may be <see cref="OcfUuid.Wildcard"/>) when <see cref="Kind"/> is Uuid.</summary>
    public OcfUuid Uuid { get; private init; }

    /// <summary>The role when <see cref="Kind"/> is Role.</summary>
    public string? Role { get; private init; }

    /// <summary>The role authority, or null.</summary>
    public string? Authority { get; private init; }

    /// <summary>The connection type when <see cref="Kind"/> is ConnectionType.</summary>
    public AceConnectionType ConnectionType { get; private init; }

    /// <summary>A UUID subject.</summary>
    public static AceSubject ForUuid(OcfUuid uuid) => new(AceSubjectKind.Uuid) { Uuid = uuid };

    /// <summary>A role subject.</summary>
    public static AceSubject ForRole(string role, string? authority = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        return new(AceSubjectKind.Role) { Role = role, Authority = authority };
    }

    /// <summary>A connection-type subject.</summary>
    public static AceSubject ForConnectionType(AceConnectionType connectionType) =>
        new(AceSubjectKind.ConnectionType) { ConnectionType = connectionType };
}
