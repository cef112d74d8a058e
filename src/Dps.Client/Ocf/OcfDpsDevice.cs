using System.Security.Cryptography;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Security;

namespace Dps.Client.Ocf;

/// <summary>An <see cref="IDpsDevice"/> over a device of an <see cref="OcfStack"/>.</summary>
public sealed class OcfDpsDevice : IDpsDevice
{
    /// <summary>Wraps <paramref name="device"/>.</summary>
    /// <param name="device">The stack's device.</param>
    public OcfDpsDevice(OcfDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        Handler = device.Stack.GetHandler(device.Index);
    }

    /// <summary>The wrapped device.</summary>
    public OcfDevice Device { get; }

    /// <inheritdoc/>
    public int Index => Device.Index;

    /// <inheritdoc/>
    public IOcfStore Store => Device.Stack.Store;

    /// <inheritdoc/>
    public OcfDeviceSecurity Security => Device.Security;

    /// <inheritdoc/>
    public ECDsa KeyPair => Device.KeyPair;

    /// <inheritdoc/>
    public ICoapHandler? Handler { get; }

    /// <inheritdoc/>
    public bool IsOnExecutor => Device.IsOnExecutor;

    /// <inheritdoc/>
    public bool Post(Func<ValueTask> work) => Device.Post(work);

    /// <inheritdoc/>
    /// <remarks>The stack serves no TLS sessions of its own yet, so there is nothing to close.</remarks>
    public void CloseServerSessions()
    {
    }
}
