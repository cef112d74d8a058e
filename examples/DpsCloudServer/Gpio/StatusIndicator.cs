using Dps.Client;
using Dps.Ocf.Cloud;

namespace DpsCloudServer.Gpio;

/// <summary>
/// Follows the DPS and cloud status notifications of the device and shows them on the status LED
/// (<see cref="StatusLedPatterns.Select"/>). Off while waiting for a reset; a reset starts over.
/// </summary>
internal sealed class StatusIndicator
{
    private readonly StatusLedBlinker _blinker;
    private readonly Lock _gate = new();
    private DpsStatus _dps;
    private CloudStatus _cloud;

    /// <summary>Creates the indicator; <paramref name="waitingForReset"/> keeps the LED off until <see cref="OnReset"/>.</summary>
    public StatusIndicator(StatusLedBlinker blinker, bool waitingForReset)
    {
        ArgumentNullException.ThrowIfNull(blinker);
        _blinker = blinker;
        _blinker.Show(waitingForReset ? LedPattern.Off : LedPattern.SlowBlink);
    }

    /// <summary>A DPS status notification.</summary>
    public void OnDpsStatus(DpsStatus status)
    {
        lock (_gate)
        {
            _dps = status;
            Update();
        }
    }

    /// <summary>A cloud status notification (with its event bits).</summary>
    public void OnCloudStatus(CloudStatus status)
    {
        lock (_gate)
        {
            _cloud = status;
            Update();
        }
    }

    /// <summary>A factory reset: provisioning starts over.</summary>
    public void OnReset()
    {
        lock (_gate)
        {
            _dps = DpsStatus.Uninitialized;
            _cloud = CloudStatus.Initialized;
            Update();
        }
    }

    private void Update() => _blinker.Show(StatusLedPatterns.Select(_dps, _cloud));
}
