namespace Dps.Ocf;

/// <summary>Names the device an <see cref="OcfStack"/> event is about.</summary>
public sealed class OcfDeviceEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public OcfDeviceEventArgs(OcfDevice device) => Device = device;

    /// <summary>The device.</summary>
    public OcfDevice Device { get; }
}
