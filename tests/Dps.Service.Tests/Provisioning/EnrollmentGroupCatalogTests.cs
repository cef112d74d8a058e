using Dps.Service.Provisioning;

namespace Dps.Service.Tests.Provisioning;

public class EnrollmentGroupCatalogTests
{
    [Test]
    public void FindByIssuers_LeadNameAmongIssuers_ReturnsGroupsInOrder()
    {
        var hub = TestGroups.Hub(TestGroups.HubA, "coaps+tcp://a:1");
        var first = TestGroups.Group("Example Manufacturer CA", hub);
        var other = TestGroups.Group("Other CA", hub);
        var second = TestGroups.Group("Example Manufacturer CA", hub);
        var catalog = new EnrollmentGroupCatalog([first, other, second]);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.FindByIssuers(["Example Manufacturer CA", "Root"]), Is.EqualTo(new[] { first, second }));
            Assert.That(catalog.FindByIssuers(["Nobody"]), Is.Empty);
            Assert.That(catalog.Find(other.Id), Is.SameAs(other));
            Assert.That(catalog.Find(Guid.NewGuid()), Is.Null);
        });
    }
}
