using Dps.Ocf.Cloud;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>Publishes <c>/oic/d</c>, <c>/oic/p</c> and <c>/light/1</c> as "anchor-dev".</summary>
internal sealed class TestPublishSource : ICloudPublishSource
{
    public string DeviceName => "anchor-dev";

    public IReadOnlyList<CloudPublishLink> GetLinks() =>
    [
        new("/oic/d", ["oic.d.cloudDevice", "oic.wk.d"], ["oic.if.r", "oic.if.baseline"], CloudPublishLink.Discoverable | CloudPublishLink.Observable),
        new("/oic/p", ["oic.wk.p"], ["oic.if.r", "oic.if.baseline"], CloudPublishLink.Discoverable | CloudPublishLink.Observable | CloudPublishLink.Secure),
        new("/light/1", ["core.light"], ["oic.if.rw", "oic.if.baseline"], CloudPublishLink.Discoverable | CloudPublishLink.Periodic),
    ];
}
