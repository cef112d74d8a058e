using Dps.Ocf.Provisioning;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Provisioning;

public sealed class PlgdTimeRecordTests
{
    [Test]
    public void Encode_ThenDecode_RoundTrips()
    {
        var record = new PlgdTimeRecord { LastSyncedTime = new DateTimeOffset(2026, 11, 22, 19, 47, 58, 169, TimeSpan.Zero) };

        var copy = PlgdTimeRecord.Decode(record.Encode());

        Assert.That(copy.LastSyncedTime, Is.EqualTo(record.LastSyncedTime));
    }

    [Test]
    public void Decode_DeviceTimeWithNanoseconds_Parses()
    {
        var record = PlgdTimeRecord.Decode(Encode(Map(("lastSyncedTime", "2026-11-22T19:47:58.16988249Z"))));

        Assert.That(record.LastSyncedTime.UtcDateTime, Is.EqualTo(new DateTime(2026, 11, 22, 19, 47, 58, DateTimeKind.Utc).AddTicks(1698824)).Within(TimeSpan.FromTicks(1)));
    }

    [TestCase("yesterday")]
    [TestCase("")]
    public void Decode_InvalidTime_ThrowsOcfFormatException(string text)
    {
        Assert.That(() => PlgdTimeRecord.Decode(Encode(Map(("lastSyncedTime", text)))), Throws.TypeOf<OcfFormatException>());
    }
}
