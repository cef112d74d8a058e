using Dps.Coap;

namespace Dps.Client.Tests;

public class DpsResponseClassifierTests
{
    [TestCase(2, 1)]
    [TestCase(2, 4)]
    [TestCase(2, 5)]
    public void Classify_Success_Success(int codeClass, int detail)
    {
        Assert.That(DpsResponseClassifier.Classify(DpsResponse.FromCode(new CoapCode(codeClass, detail))),
            Is.EqualTo(DpsResponseOutcome.Success));
    }

    [TestCase(5, 3)]
    [TestCase(5, 4)]
    public void Classify_ServiceUnavailableOrGatewayTimeout_Transient(int codeClass, int detail)
    {
        Assert.That(DpsResponseClassifier.Classify(DpsResponse.FromCode(new CoapCode(codeClass, detail))),
            Is.EqualTo(DpsResponseOutcome.Transient));
    }

    [TestCase(4, 0)]
    [TestCase(4, 1)]
    [TestCase(4, 3)]
    [TestCase(4, 4)]
    [TestCase(5, 0)]
    [TestCase(5, 1)]
    [TestCase(5, 2)]
    [TestCase(5, 5)]
    public void Classify_OtherErrors_Permanent(int codeClass, int detail)
    {
        Assert.That(DpsResponseClassifier.Classify(DpsResponse.FromCode(new CoapCode(codeClass, detail))),
            Is.EqualTo(DpsResponseOutcome.Permanent));
    }

    [Test]
    public void Classify_InternalOutcomes_TimeoutsTransientOthersPermanent()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsResponseClassifier.Classify(DpsResponse.RequestTimeout), Is.EqualTo(DpsResponseOutcome.Transient));
            Assert.That(DpsResponseClassifier.Classify(DpsResponse.TransactionTimeout), Is.EqualTo(DpsResponseOutcome.Transient));
            Assert.That(DpsResponseClassifier.Classify(DpsResponse.ConnectionClosed), Is.EqualTo(DpsResponseOutcome.Permanent));
            Assert.That(DpsResponseClassifier.Classify(DpsResponse.Cancelled), Is.EqualTo(DpsResponseOutcome.Permanent));
            Assert.That(DpsResponseClassifier.Classify(DpsResponse.PingTimeout), Is.EqualTo(DpsResponseOutcome.Permanent));
        });
    }

    [Test]
    public void IsTimeoutError_OnlyRequestAndTransactionTimeout()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsResponseClassifier.IsTimeoutError(DpsResponse.RequestTimeout), Is.True);
            Assert.That(DpsResponseClassifier.IsTimeoutError(DpsResponse.TransactionTimeout), Is.True);
            Assert.That(DpsResponseClassifier.IsTimeoutError(DpsResponse.ConnectionClosed), Is.False);
            Assert.That(DpsResponseClassifier.IsTimeoutError(DpsResponse.FromCode(CoapCode.GatewayTimeout)), Is.False);
        });
    }

    [Test]
    public void IsConnectionError_Only503And504()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsResponseClassifier.IsConnectionError(DpsResponse.FromCode(CoapCode.ServiceUnavailable)), Is.True);
            Assert.That(DpsResponseClassifier.IsConnectionError(DpsResponse.FromCode(CoapCode.GatewayTimeout)), Is.True);
            Assert.That(DpsResponseClassifier.IsConnectionError(DpsResponse.FromCode(CoapCode.InternalServerError)), Is.False);
            Assert.That(DpsResponseClassifier.IsConnectionError(DpsResponse.RequestTimeout), Is.False);
        });
    }
}
