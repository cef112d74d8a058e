using System.Security.Cryptography;

namespace Dps.Client.Tests;

public class DpsClientOptionsTests
{
    [Test]
    public void Defaults_MatchPlgd()
    {
        var options = new DpsClientOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.RetryConfiguration, Is.EqualTo(DpsRetryConfiguration.Default));
            Assert.That(options.CloudObserver.MaxCount, Is.EqualTo(30));
            Assert.That(options.CloudObserver.Interval, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(options.ExpiringLimit, Is.EqualTo(TimeSpan.FromSeconds(3600)));
            Assert.That(options.DhcpEndpointOptionCode, Is.EqualTo(200));
            Assert.That(options.DhcpCertificateFingerprintOptionCode, Is.EqualTo(201));
            Assert.That(options.AllowedFingerprintAlgorithms, Is.EqualTo(new[] { HashAlgorithmName.SHA256 }));
            Assert.That(options.SkipVerify, Is.False);
            Assert.That(options.CertificateFingerprint, Is.Null);
            Assert.That(options.Validate, Throws.Nothing);
        });
    }

    [Test]
    public void Validate_ObserverIntervalZero_Throws()
    {
        var options = new DpsClientOptions();
        options.CloudObserver.Interval = TimeSpan.Zero;
        Assert.That(options.Validate, Throws.InvalidOperationException.With.Message.Contains("Interval"));
    }

    [TestCase(-1)]
    [TestCase(256)]
    public void Validate_ObserverMaxCountOutOfRange_Throws(int maxCount)
    {
        var options = new DpsClientOptions();
        options.CloudObserver.MaxCount = maxCount;
        Assert.That(options.Validate, Throws.InvalidOperationException.With.Message.Contains("MaxCount"));
    }

    [Test]
    public void Validate_ObserverMaxCountZero_DisablesObserver()
    {
        var options = new DpsClientOptions();
        options.CloudObserver.MaxCount = 0;
        Assert.Multiple(() =>
        {
            Assert.That(options.Validate, Throws.Nothing);
            Assert.That(options.CloudObserver.IsEnabled, Is.False);
        });
    }

    [TestCase(-1)]
    [TestCase(65536)]
    public void Validate_ExpiringLimitOutOfRange_Throws(int seconds)
    {
        var options = new DpsClientOptions { ExpiringLimit = TimeSpan.FromSeconds(seconds) };
        Assert.That(options.Validate, Throws.InvalidOperationException.With.Message.Contains("ExpiringLimit"));
    }

    [Test]
    public void Validate_ExpiringLimitMaxAndZero_Accepted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new DpsClientOptions { ExpiringLimit = TimeSpan.FromSeconds(65535) }.Validate, Throws.Nothing);
            Assert.That(new DpsClientOptions { ExpiringLimit = TimeSpan.Zero }.Validate, Throws.Nothing);
            Assert.That(new DpsClientOptions { ExpiringLimit = TimeSpan.FromMilliseconds(1500) }.Validate,
                Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Validate_FingerprintAlgorithmNotAllowed_Throws()
    {
        var options = new DpsClientOptions
        {
            CertificateFingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA384, new byte[48]),
        };
        Assert.That(options.Validate, Throws.InvalidOperationException.With.Message.Contains("SHA384"));
        options.AllowedFingerprintAlgorithms.Add(HashAlgorithmName.SHA384);
        Assert.That(options.Validate, Throws.Nothing);
    }

    [Test]
    public void Validate_SameDhcpCodes_Throws()
    {
        var options = new DpsClientOptions { DhcpEndpointOptionCode = 201 };
        Assert.That(options.Validate, Throws.InvalidOperationException.With.Message.Contains("DHCP"));
    }

    [Test]
    public void Clone_IsIndependentCopy()
    {
        var options = new DpsClientOptions { SkipVerify = true, ExpiringLimit = TimeSpan.FromSeconds(10) };
        options.Endpoints.Add(new DpsEndpoint("coaps+tcp://a:1", "a"));
        var copy = options.Clone();
        options.Endpoints.Add(new DpsEndpoint("coaps+tcp://b:1"));
        options.CloudObserver.MaxCount = 5;
        options.AllowedFingerprintAlgorithms.Add(HashAlgorithmName.SHA384);
        Assert.Multiple(() =>
        {
            Assert.That(copy.Endpoints, Has.Count.EqualTo(1));
            Assert.That(copy.CloudObserver.MaxCount, Is.EqualTo(30));
            Assert.That(copy.AllowedFingerprintAlgorithms, Has.Count.EqualTo(1));
            Assert.That(copy.SkipVerify, Is.True);
            Assert.That(copy.ExpiringLimit, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void Validator_ReportsFailureMessage()
    {
        var options = new DpsClientOptions();
        options.CloudObserver.Interval = TimeSpan.Zero;
        var result = new DpsClientOptionsValidator().Validate(null, options);
        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("Interval"));
            Assert.That(new DpsClientOptionsValidator().Validate(null, new DpsClientOptions()).Succeeded, Is.True);
        });
    }
}
