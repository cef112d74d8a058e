using Dps.Service.Identity;

namespace Dps.Service.Tests.Identity;

public class OwnerUuidTests
{
    [TestCase("1", "b80c8fef-a677-5340-85fb-2c162d75df03")]
    [TestCase("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7", "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7")]
    [TestCase("1640915F-D3F0-44CE-54BB-5BFF4D0ED8A7", "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7")]
    public void FromOwner_KnownOwner_ReturnsExpectedUuid(string owner, string expected)
    {
        Assert.That(DeviceUuid.Format(OwnerUuid.FromOwner(owner)), Is.EqualTo(expected));
    }

    [Test]
    public void FromOwner_NilUuid_IsHashedNotUsed()
    {
        var result = OwnerUuid.FromOwner("00000000-0000-0000-0000-000000000000");

        Assert.That(result, Is.Not.EqualTo(Guid.Empty));
        Assert.That(result.Version, Is.EqualTo(5));
    }

    [TestCase("{1640915f-d3f0-44ce-54bb-5bff4d0ed8a7}")]
    [TestCase("1640915fd3f044ce54bb5bff4d0ed8a7")]
    [TestCase("not-a-uuid")]
    public void FromOwner_NonCanonicalForm_IsHashed(string owner)
    {
        Assert.That(OwnerUuid.FromOwner(owner).Version, Is.EqualTo(5));
    }
}
