namespace Dps.Ocf;

/// <summary>Settings of one device hosted by an <see cref="OcfStack"/>.</summary>
public sealed class OcfDeviceOptions
{
    /// <summary>The OCF spec version (<c>icv</c>).</summary>
    public const string DefaultSpecVersion = "ocf.2.0.5";

    /// <summary>The data-model version (<c>dmv</c>).</summary>
    public const string DefaultDataModelVersion = "ocf.res.1.3.0";

    /// <summary>The device name (<c>n</c> of <c>/oic/d</c>).</summary>
    public string Name { get; set; } = "dps";

    /// <summary>The device types listed before <c>oic.wk.d</c> in <c>/oic/d</c>'s <c>rt</c>.</summary>
    public IList<string> DeviceTypes { get; set; } = [OcfResourceTypes.CloudDevice];

    /// <summary>The device id (<c>di</c>); null: a random one.</summary>
    public Guid? DeviceId { get; set; }

    /// <summary>The protocol-independent id (<c>piid</c>); null: a random one.</summary>
    public Guid? ProtocolIndependentId { get; set; }

    /// <summary>The spec version (<c>icv</c>).</summary>
    public string SpecVersion { get; set; } = DefaultSpecVersion;

    /// <summary>The data-model version (<c>dmv</c>).</summary>
    public string DataModelVersion { get; set; } = DefaultDataModelVersion;

    /// <summary>Adds the <c>/x.plgd.dev/time</c> resource.</summary>
    public bool PlgdTimeResource { get; set; } = true;

    /// <summary>A copy (lists copied too).</summary>
    public OcfDeviceOptions Clone()
    {
        var copy = (OcfDeviceOptions)MemberwiseClone();
        copy.DeviceTypes = [.. DeviceTypes];
        return copy;
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("The device name must not be empty.", nameof(Name));
        }

        if (DeviceTypes is null || DeviceTypes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Device types must not be empty strings.", nameof(DeviceTypes));
        }

        if (string.IsNullOrWhiteSpace(SpecVersion) || string.IsNullOrWhiteSpace(DataModelVersion))
        {
            throw new ArgumentException("Spec and data-model versions must not be empty.", nameof(SpecVersion));
        }
    }
}
