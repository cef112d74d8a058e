using Dps.Ocf.Security;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Security;

public sealed class SdiTests
{
    [Test]
    public void Update_ThenEncode_RoundTrips()
    {
        var sdi = new Sdi();

        var result = sdi.Update(Encode(Map(("uuid", TestPki.OwnerUuid), ("name", "home"), ("priv", true)), indefinite: true));
        var copy = Sdi.Decode(sdi.Encode());

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(copy.Uuid.ToString(), Is.EqualTo(TestPki.OwnerUuid));
            Assert.That(copy.Name, Is.EqualTo("home"));
            Assert.That(copy.Private, Is.True);
        });
    }

    [Test]
    public void Update_InvalidUuid_RejectedWithStateUnchanged()
    {
        var sdi = new Sdi { Name = "before" };

        var result = sdi.Update(Encode(Map(("name", "after"), ("uuid", "nope"))));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(sdi.Name, Is.EqualTo("before"));
        });
    }
}
