using Dps.Coap;

namespace Dps.Client;

/// <summary>What a <c>POST /plgd/dps</c> changed, and what the context must do about it (PROTOCOL.md §4.3).</summary>
/// <param name="Code">2.04 when something was applied, 4.00 otherwise.</param>
/// <param name="Deregister"><c>endpoint: ""</c>: the DPS state was reset; reset the device (factory reset, cloud deregistration).</param>
/// <param name="SelectedEndpointChanged">The selected URI changed: close the DPS connection.</param>
/// <param name="Reprovision">Save the store, force re-provisioning and restart the manager.</param>
public readonly record struct DpsConfigurationPostResult(
    CoapCode Code,
    bool Deregister = false,
    bool SelectedEndpointChanged = false,
    bool Reprovision = false);
