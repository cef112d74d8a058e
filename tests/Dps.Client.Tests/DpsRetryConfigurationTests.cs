namespace Dps.Client.Tests;

public class DpsRetryConfigurationTests
{
    [Test]
    public void Default_IsTenToHundredTwenty()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsRetryConfiguration.Default.Seconds, Is.EqualTo(new[] { 10, 20, 40, 80, 120 }));
            Assert.That(DpsRetryConfiguration.Default.Count, Is.EqualTo(5));
            Assert.That(DpsRetryConfiguration.Default[4], Is.EqualTo(TimeSpan.FromSeconds(120)));
            Assert.That(DpsRetryConfiguration.Default.ToString(), Is.EqualTo("10,20,40,80,120"));
        });
    }

    [Test]
    public void Constructor_Empty_Throws()
    {
        Assert.That(() => new DpsRetryConfiguration(), Throws.ArgumentException.With.Message.Contains("at least one"));
    }

    [Test]
    public void Constructor_NineValues_Throws()
    {
        Assert.That(() => new DpsRetryConfiguration(1, 2, 3, 4, 5, 6, 7, 8, 9),
            Throws.ArgumentException.With.Message.Contains("at most 8"));
    }

    [TestCase(0)]
    [TestCase(256)]
    [TestCase(-1)]
    public void Constructor_ValueOutOfRange_Throws(int value)
    {
        Assert.That(() => new DpsRetryConfiguration(1, value), Throws.ArgumentException.With.Message.Contains("1–255"));
    }

    [TestCase(new[] { 1 })]
    [TestCase(new[] { 255, 1 })]
    [TestCase(new[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    public void Constructor_OneToEightValues_KeepsThem(int[] values)
    {
        Assert.That(new DpsRetryConfiguration(values).Seconds, Is.EqualTo(values));
    }

    [Test]
    public void Parse_CommandLineList_ReturnsValues()
    {
        var configuration = DpsRetryConfiguration.Parse("1, 2,4,8,16");
        Assert.Multiple(() =>
        {
            Assert.That(configuration.Seconds, Is.EqualTo(new[] { 1, 2, 4, 8, 16 }));
            Assert.That(configuration, Is.EqualTo(new DpsRetryConfiguration(1, 2, 4, 8, 16)));
        });
    }

    [TestCase("a,2")]
    [TestCase("")]
    [TestCase("1,,2")]
    [TestCase("-1")]
    public void Parse_NotANumber_ThrowsFormatException(string text)
    {
        Assert.That(() => DpsRetryConfiguration.Parse(text), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void Parse_OutOfRange_ThrowsArgumentException()
    {
        Assert.That(() => DpsRetryConfiguration.Parse("1,300"), Throws.ArgumentException);
    }
}
