namespace Dps.Ocf.Security;

/// <summary>ACE permission bits (OCF values).</summary>
[Flags]
public enum AcePermission
{
    /// <summary>No permission.</summary>
    None = 0,

    /// <summary>1: create (PUT/POST creating a resource).</summary>
    Create = 1,

    /// <summary>2: retrieve (GET).</summary>
    Retrieve = 2,

    /// <summary>4: update (POST/PUT).</summary>
    Update = 4,

    /// <summary>8: delete (DELETE).</summary>
    Delete = 8,

    /// <summary>16: notify (observe).</summary>
    Notify = 16,

    /// <summary>31: all of the above.</summary>
    Full = 31,
}
