using Dps.Ocf;
using Dps.Ocf.Cloud;

namespace Dps.Client.Ocf;

/// <summary>Publishes a device's discoverable resources (<c>/oic/d</c>, <c>/oic/p</c> and the application's) to the cloud.</summary>
public sealed class OcfPublishSource : ICloudPublishSource
{
    private readonly OcfDevice _device;

    /// <summary>Publishes <paramref name="device"/>.</summary>
    /// <param name="device">The device.</param>
    public OcfPublishSource(OcfDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _device = device;
    }

    /// <inheritdoc/>
    public string DeviceName => _device.Name;

    /// <inheritdoc/>
    public IReadOnlyList<CloudPublishLink> GetLinks()
    {
        var links = new List<CloudPublishLink>();
        foreach (var resource in _device.Resources)
        {
            if (resource.IsDiscoverable && resource.Uri != "/oic/res")
            {
                links.Add(new CloudPublishLink(resource.Uri, resource.ResourceTypes, resource.Interfaces, (int)resource.Policy));
            }
        }

        return links;
    }
}
