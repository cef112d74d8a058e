namespace Dps.Ocf;

/// <summary>Resource policy bits, with iotivity-lite's values (<c>oc_resource_properties_t</c>).</summary>
[Flags]
#pragma warning disable CA1711 // "Policy" is the OCF word.
public enum OcfResourcePolicy
#pragma warning restore CA1711
{
    /// <summary>No bits.</summary>
    None = 0,

    /// <summary>Listed in <c>/oic/res</c> (<c>OC_DISCOVERABLE</c>).</summary>
    Discoverable = 1 << 0,

    /// <summary>Accepts Observe registrations (<c>OC_OBSERVABLE</c>).</summary>
    Observable = 1 << 1,

    /// <summary>Served only on secured endpoints (<c>OC_SECURE</c>).</summary>
    Secure = 1 << 4,

    /// <summary>Periodically observable (<c>OC_PERIODIC</c>).</summary>
    Periodic = 1 << 6,
}
