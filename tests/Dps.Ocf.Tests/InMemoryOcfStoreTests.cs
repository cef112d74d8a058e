namespace Dps.Ocf.Tests;

public sealed class InMemoryOcfStoreTests
{
    [Test]
    public void SaveLoadDelete_RoundTrip()
    {
        var store = new InMemoryOcfStore();
        byte[] data = [0xA0];

        store.Save("dps_0", data);
        data[0] = 0;

        Assert.Multiple(() =>
        {
            Assert.That(store.Load("dps_0"), Is.EqualTo(new byte[] { 0xA0 }));
            Assert.That(store.SaveCount, Is.EqualTo(1));
            Assert.That(store.Delete("dps_0"), Is.True);
            Assert.That(store.Load("dps_0"), Is.Null);
        });
    }

    [Test]
    public void Save_CredOrFlagged_IsSecret()
    {
        var store = new InMemoryOcfStore();

        store.Save("cred_0", [0xA0]);
        store.Save("keypair_0", [0xA0], secret: true);
        store.Save("acl_0", [0xA0]);

        Assert.Multiple(() =>
        {
            Assert.That(store.IsSecret("cred_0"), Is.True);
            Assert.That(store.IsSecret("keypair_0"), Is.True);
            Assert.That(store.IsSecret("acl_0"), Is.False);
        });
    }

    [Test]
    public void StoreName_For_JoinsPrefixAndDevice()
    {
        Assert.That(OcfStoreName.For("plgd_time", 1), Is.EqualTo("plgd_time_1"));
    }
}
