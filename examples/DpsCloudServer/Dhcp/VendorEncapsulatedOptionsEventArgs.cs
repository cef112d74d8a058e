namespace DpsCloudServer.Dhcp;

/// <summary>New <c>vendor-encapsulated-options</c> bytes (the DHCP option 43 payload, PROTOCOL.md §5).</summary>
internal sealed class VendorEncapsulatedOptionsEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public VendorEncapsulatedOptionsEventArgs(ReadOnlyMemory<byte> options) => Options = options;

    /// <summary>The raw payload, ready for <c>DpsDhcp.SetValuesFromVendorEncapsulatedOptions</c>.</summary>
    public ReadOnlyMemory<byte> Options { get; }
}
