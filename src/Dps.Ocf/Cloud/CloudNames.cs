namespace Dps.Ocf.Cloud;

/// <summary>Wire strings of the cloud configuration.</summary>
public static class CloudNames
{
    /// <summary>The wire string of a provisioning status.</summary>
    public static string ToWireString(CloudProvisioningStatus status) => status switch
    {
        CloudProvisioningStatus.ReadyToRegister => "readytoregister",
        CloudProvisioningStatus.Registering => "registering",
        CloudProvisioningStatus.Registered => "registered",
        CloudProvisioningStatus.Failed => "failed",
        CloudProvisioningStatus.Deregistering => "deregistering",
        _ => "uninitialized",
    };

    /// <summary>Parses a provisioning status wire string.</summary>
    public static bool TryParse(string? text, out CloudProvisioningStatus status)
    {
        status = text switch
        {
            "uninitialized" => CloudProvisioningStatus.Uninitialized,
            "readytoregister" => CloudProvisioningStatus.ReadyToRegister,
            "registering" => CloudProvisioningStatus.Registering,
            "registered" => CloudProvisioningStatus.Registered,
            "failed" => CloudProvisioningStatus.Failed,
            "deregistering" => CloudProvisioningStatus.Deregistering,
            _ => (CloudProvisioningStatus)(-1),
        };
        return (int)status >= 0;
    }
}
