using Dps.Ocf.Security;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Security;

public sealed class PstatTests
{
    [Test]
    public void Encode_ThenDecode_RoundTrips()
    {
        var pstat = new Pstat
        {
            State = DeviceOnboardingState.Rfnop,
            IsOperational = true,
            CurrentMode = 4,
            TargetMode = 4,
            ResourceOwner = OcfUuid.Parse(TestPki.OwnerUuid),
        };

        var copy = Pstat.Decode(pstat.Encode());

        Assert.That(copy.Encode(), Is.EqualTo(pstat.Encode()));
    }

    [Test]
    public void Update_IndefinitePayload_AppliesWritableProperties()
    {
        var pstat = new Pstat();
        var payload = Encode(Map(("dos", Map(("s", 2))), ("tm", 8), ("om", 4), ("rowneruuid", TestPki.OwnerUuid), ("rt", Array("oic.r.pstat"))), indefinite: true);

        var result = pstat.Update(payload);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(pstat.State, Is.EqualTo(DeviceOnboardingState.Rfpro));
            Assert.That(pstat.TargetMode, Is.EqualTo(8));
            Assert.That(pstat.ResourceOwner.ToString(), Is.EqualTo(TestPki.OwnerUuid));
        });
    }

    [TestCase("isop")]
    [TestCase("cm")]
    [TestCase("sm")]
    [TestCase("dos.s=5")]
    [TestCase("rowneruuid")]
    [TestCase("tm")]
    public void Update_Invalid_RejectedWithStateUnchanged(string variant)
    {
        var pstat = new Pstat { State = DeviceOnboardingState.Rfotm };
        byte[] before = pstat.Encode();
        var payload = variant switch
        {
            "isop" => Map(("tm", 2), ("isop", true)),
            "cm" => Map(("tm", 2), ("cm", 2)),
            "sm" => Map(("tm", 2), ("sm", 4)),
            "dos.s=5" => Map(("tm", 2), ("dos", Map(("s", 5)))),
            "rowneruuid" => Map(("tm", 2), ("rowneruuid", "x")),
            _ => Map(("dos", Map(("s", 3))), ("tm", "2")),
        };

        var result = pstat.Update(Encode(payload));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(pstat.Encode(), Is.EqualTo(before));
        });
    }
}
