using Dps.Service.Identity;

namespace Dps.Service.Tests.Identity;

public class DeviceUuidTests
{
    [TestCase("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7", true)]
    [TestCase("00000000-0000-0000-0000-000000000000", true)]
    [TestCase("1640915f-d3f0-44ce-54bb-5bff4d0ed8a", false)]
    [TestCase("1640915f-d3f0-44ce-54bb-5bff4d0ed8ag", false)]
    [TestCase("(1640915f-d3f0-44ce-54bb-5bff4d0ed8)", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void TryParse_Input_AcceptsOnly845412Hex(string? text, bool expected)
    {
        Assert.That(DeviceUuid.TryParse(text, out _), Is.EqualTo(expected));
    }
}
