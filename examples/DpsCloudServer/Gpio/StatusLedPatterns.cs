using Dps.Client;
using Dps.Ocf.Cloud;

namespace DpsCloudServer.Gpio;

/// <summary>Which <see cref="LedPattern"/> a device status is shown with.</summary>
internal static class StatusLedPatterns
{
    /// <summary>
    /// <see cref="LedPattern.FastBlink"/> while the DPS status carries a failure flag or the last cloud
    /// notification reported a failure; <see cref="LedPattern.On"/> when DPS started the cloud and the
    /// cloud manager is logged in; otherwise <see cref="LedPattern.SlowBlink"/> (provisioning,
    /// registering, logging in).
    /// </summary>
    /// <param name="dps">The last DPS status.</param>
    /// <param name="cloud">The last cloud status, with the event bits of its notification.</param>
    public static LedPattern Select(DpsStatus dps, CloudStatus cloud)
    {
        if (dps.HasErrorFlag() || (cloud & CloudStatus.Failure) != 0)
        {
            return LedPattern.FastBlink;
        }
        if ((dps & DpsStatus.CloudStarted) != 0 && (cloud & CloudStatus.LoggedIn) != 0)
        {
            return LedPattern.On;
        }
        return LedPattern.SlowBlink;
    }
}
