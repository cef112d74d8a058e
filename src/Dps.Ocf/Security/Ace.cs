namespace Dps.Ocf.Security;

/// <summary>One access control entry of <c>/oic/sec/acl2</c>. Immutable; change with <c>with</c>.</summary>
public sealed record Ace
{
    /// <summary><c>aceid</c> (positive once stored; 0 = allocate when added).</summary>
    public int AceId { get; init; }

    /// <summary><c>subject</c>.</summary>
    public required AceSubject Subject { get; init; }

    /// <summary><c>resources</c>.</summary>
    public IReadOnlyList<AceResource> Resources { get; init; } = [];

    /// <summary><c>permission</c>.</summary>
    public AcePermission Permission { get; init; }

    /// <summary><c>tag</c>, e.g. <c>dps</c>, or null.</summary>
    public string? Tag { get; init; }
}
