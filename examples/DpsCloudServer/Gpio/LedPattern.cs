namespace DpsCloudServer.Gpio;

/// <summary>What the status LED shows.</summary>
internal enum LedPattern
{
    /// <summary>Dark: waiting for a reset (<c>--wait-for-reset</c>) or stopped.</summary>
    Off,

    /// <summary>Slow blinking (1 Hz): provisioning or connecting to the cloud.</summary>
    SlowBlink,

    /// <summary>Fast blinking (5 Hz): the last DPS step or cloud request failed; retrying.</summary>
    FastBlink,

    /// <summary>Steady on: logged in to the cloud.</summary>
    On,
}
