using Dps.Ocf.Cloud;

namespace Dps.Ocf;

/// <summary>
/// A device's cloud configuration was replaced or reset through <c>/CoapCloudConfResURI</c> or
/// <see cref="OcfDevice.ApplyCloudConfiguration"/>; already applied and persisted (<c>cloud_N</c>).
/// </summary>
public sealed class CloudConfigurationChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public CloudConfigurationChangedEventArgs(OcfDevice device, CloudConfUpdate update, CloudConfiguration previous, bool fromRequest)
    {
        Device = device;
        Update = update;
        Previous = previous;
        FromRequest = fromRequest;
    }

    /// <summary>The device.</summary>
    public OcfDevice Device { get; }

    /// <summary>
    /// What was applied: <see cref="CloudConfUpdate.IsReset"/> (<c>cis: ""</c>, the configuration is
    /// back to its defaults; deregister from <see cref="Previous"/>'s cloud) or a new configuration
    /// (cps <c>readytoregister</c>; restart the cloud manager if it runs).
    /// </summary>
    public CloudConfUpdate Update { get; }

    /// <summary>A copy of the configuration before the change (holds tokens: never log it).</summary>
    public CloudConfiguration Previous { get; }

    /// <summary>True for a POST on <c>/CoapCloudConfResURI</c>; false for a call inside the process (DPS).</summary>
    public bool FromRequest { get; }
}
