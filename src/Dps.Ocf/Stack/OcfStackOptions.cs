namespace Dps.Ocf;

/// <summary>Settings of an <see cref="OcfStack"/>: the platform, the storage directory and device 0.</summary>
public sealed class OcfStackOptions
{
    /// <summary>The default storage directory (the C example's).</summary>
    public const string DefaultStorageDirectory = "./dps_cloud_server_creds";

    /// <summary>The platform manufacturer (<c>mnmn</c> of <c>/oic/p</c>).</summary>
    public string Manufacturer { get; set; } = "ocfcloud.com";

    /// <summary>The platform id (<c>pi</c>); null: a random one.</summary>
    public Guid? PlatformId { get; set; }

    /// <summary>
    /// The directory of the device stores (<c>pstat_0</c>, <c>cred_0</c>, <c>keypair_0</c>, …), used
    /// through a <see cref="DirectoryOcfStore"/> when <see cref="Store"/> is null; null (the default)
    /// with no <see cref="Store"/>: everything is kept in memory (the example app sets
    /// <see cref="DefaultStorageDirectory"/>).
    /// </summary>
    public string? StorageDirectory { get; set; }

    /// <summary>The store of every device's persistent state; null: see <see cref="StorageDirectory"/>.</summary>
    public IOcfStore? Store { get; set; }

    /// <summary>Device 0, created with the stack; null: no device until <see cref="OcfStack.AddDevice"/>.</summary>
    public OcfDeviceOptions? Device { get; set; } = new();

    /// <summary>Where device N keeps its plgd time; null: store <c>plgd_time_N</c> of the device store.</summary>
    public Func<int, IPlgdTimeStore>? PlgdTimeStore { get; set; }

    /// <summary>Convenience for <see cref="OcfDeviceOptions.Name"/> of device 0.</summary>
    public string DeviceName
    {
        get => (Device ??= new()).Name;
        set => (Device ??= new()).Name = value;
    }

    /// <summary>Convenience: sets device 0's device types to this one type.</summary>
    public string DeviceType
    {
        get => (Device ??= new()).DeviceTypes.FirstOrDefault() ?? string.Empty;
        set => (Device ??= new()).DeviceTypes = [value];
    }

    /// <summary>A copy.</summary>
    public OcfStackOptions Clone()
    {
        var copy = (OcfStackOptions)MemberwiseClone();
        copy.Device = Device?.Clone();
        return copy;
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Manufacturer))
        {
            throw new ArgumentException("The manufacturer must not be empty.", nameof(Manufacturer));
        }

        if (StorageDirectory is not null && string.IsNullOrWhiteSpace(StorageDirectory))
        {
            throw new ArgumentException("The storage directory must not be empty.", nameof(StorageDirectory));
        }

        Device?.Validate();
    }
}
