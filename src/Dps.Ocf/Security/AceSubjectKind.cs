namespace Dps.Ocf.Security;

/// <summary>What an ACE subject names.</summary>
public enum AceSubjectKind
{
    /// <summary>A peer by UUID (<c>uuid</c>).</summary>
    Uuid = 0,

    /// <summary>A role (<c>role</c> + optional <c>authority</c>).</summary>
    Role,

    /// <summary>A connection type (<c>conntype</c>).</summary>
    ConnectionType,
}
