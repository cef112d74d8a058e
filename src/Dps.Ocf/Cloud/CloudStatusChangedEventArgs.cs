namespace Dps.Ocf.Cloud;

/// <summary>A cloud status notification (iotivity's status callback).</summary>
public sealed class CloudStatusChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public CloudStatusChangedEventArgs(CloudStatus status, CloudProvisioningStatus provisioningStatus, CloudError lastError)
    {
        Status = status;
        ProvisioningStatus = provisioningStatus;
        LastError = lastError;
    }

    /// <summary>The status including the event bits of this notification.</summary>
    public CloudStatus Status { get; }

    /// <summary><c>cps</c> at the time of the notification.</summary>
    public CloudProvisioningStatus ProvisioningStatus { get; }

    /// <summary><c>clec</c> at the time of the notification.</summary>
    public CloudError LastError { get; }
}
