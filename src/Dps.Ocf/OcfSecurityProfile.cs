namespace Dps.Ocf;

/// <summary>The OCF security profile of a device (<c>oc_sp_types_t</c> values of iotivity-lite).</summary>
public enum OcfSecurityProfile
{
    /// <summary>No profile selected.</summary>
    Unspecified = 0,

    /// <summary><c>OC_SP_BASELINE</c>.</summary>
    Baseline = 1 << 1,

    /// <summary><c>OC_SP_BLACK</c>: manufacturer certificate based (what the example app selects).</summary>
    Black = 1 << 2,

    /// <summary><c>OC_SP_BLUE</c>.</summary>
    Blue = 1 << 3,

    /// <summary><c>OC_SP_PURPLE</c>.</summary>
    Purple = 1 << 4,
}
