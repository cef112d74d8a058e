using Dps.Ocf.Security;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Security;

public sealed class DoxmTests
{
    [Test]
    public void Encode_ThenDecode_RoundTrips()
    {
        var doxm = new Doxm
        {
            OxmSel = Doxm.OxmPlgdDps,
            Owned = true,
            DeviceUuid = OcfUuid.Parse("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"),
            DevOwnerUuid = OcfUuid.Parse(TestPki.OwnerUuid),
            ResourceOwner = OcfUuid.Parse(TestPki.OwnerUuid),
            Oxms = [0, 2, 3],
        };

        var copy = Doxm.Decode(doxm.Encode());

        Assert.Multiple(() =>
        {
            Assert.That(copy.Encode(), Is.EqualTo(doxm.Encode()));
            Assert.That(copy.Oxms, Is.EqualTo(new[] { 0, 2, 3 }));
        });
    }

    [Test]
    public void Update_InRfotm_TakesOwnershipProperties()
    {
        var doxm = new Doxm();
        var payload = Encode(Map(("oxmsel", 0xFF01), ("owned", true), ("devowneruuid", TestPki.OwnerUuid), ("rowneruuid", TestPki.OwnerUuid)), indefinite: true);

        var result = doxm.Update(payload, DeviceOnboardingState.Rfotm);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(doxm.OxmSel, Is.EqualTo(Doxm.OxmPlgdDps));
            Assert.That(doxm.Owned, Is.True);
            Assert.That(doxm.DevOwnerUuid.ToString(), Is.EqualTo(TestPki.OwnerUuid));
        });
    }

    [TestCase(DeviceOnboardingState.Rfnop, "owned")]
    [TestCase(DeviceOnboardingState.Rfpro, "devowneruuid")]
    [TestCase(DeviceOnboardingState.Rfotm, "oxms")]
    [TestCase(DeviceOnboardingState.Rfotm, "sct")]
    [TestCase(DeviceOnboardingState.Rfotm, "oxmsel")]
    [TestCase(DeviceOnboardingState.Rfotm, "deviceuuid")]
    public void Update_Invalid_RejectedWithStateUnchanged(DeviceOnboardingState state, string variant)
    {
        var doxm = new Doxm();
        byte[] before = doxm.Encode();
        var payload = variant switch
        {
            "owned" => Map(("owned", true)),
            "devowneruuid" => Map(("devowneruuid", TestPki.OwnerUuid)),
            "oxms" => Map(("owned", true), ("oxms", Array(0))),
            "sct" => Map(("owned", true), ("sct", 1)),
            "oxmsel" => Map(("owned", true), ("oxmsel", 7)),
            _ => Map(("owned", true), ("deviceuuid", "*")),
        };

        var result = doxm.Update(Encode(payload), state);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(doxm.Encode(), Is.EqualTo(before));
        });
    }
}
