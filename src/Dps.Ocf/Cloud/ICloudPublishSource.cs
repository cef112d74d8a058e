namespace Dps.Ocf.Cloud;

/// <summary>What the cloud manager publishes after sign-in: the device name and its links.</summary>
public interface ICloudPublishSource
{
    /// <summary>The device name (<c>n</c> of the publish request).</summary>
    string DeviceName { get; }

    /// <summary>The links to publish now (<c>/oic/d</c>, <c>/oic/p</c> and the application's).</summary>
    IReadOnlyList<CloudPublishLink> GetLinks();
}
