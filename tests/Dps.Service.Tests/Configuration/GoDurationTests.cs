using Dps.Service.Configuration;

namespace Dps.Service.Tests.Configuration;

public class GoDurationTests
{
    [TestCase("10s", 10_000)]
    [TestCase("1h30m", 5_400_000)]
    [TestCase("500ms", 500)]
    [TestCase("1.5h", 5_400_000)]
    [TestCase("87600h", 315_360_000_000)]
    [TestCase("30", 30_000)]
    [TestCase("0", 0)]
    public void TryParse_Valid_ReturnsDuration(string text, long milliseconds)
    {
        Assert.Multiple(() =>
        {
            Assert.That(GoDuration.TryParse(text, out var duration), Is.True);
            Assert.That(duration, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
        });
    }

    [TestCase("")]
    [TestCase(null)]
    [TestCase("10x")]
    [TestCase("h")]
    [TestCase("-5s")]
    [TestCase("1e400")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        Assert.That(GoDuration.TryParse(text, out _), Is.False);
    }
}
