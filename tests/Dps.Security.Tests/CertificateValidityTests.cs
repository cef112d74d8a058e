using Dps.Testing.Pki;

namespace Dps.Security.Tests;

public sealed class CertificateValidityTests
{
    private static readonly DateTimeOffset NotBefore = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2030, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [TestCase(-1, CertificateValidityState.NotYetValid)]
    [TestCase(0, CertificateValidityState.Valid)]
    [TestCase(86400 - 3600, CertificateValidityState.Valid)]
    [TestCase(86400 - 3599, CertificateValidityState.Expiring)]
    [TestCase(86400, CertificateValidityState.Expiring)]
    [TestCase(86401, CertificateValidityState.Expired)]
    public void Classify_SecondsAfterNotBefore_State(int seconds, CertificateValidityState expected)
    {
        var state = CertificateValidity.Classify(NotBefore, NotAfter, NotBefore.AddSeconds(seconds), CertificateValidity.DefaultExpiringLimit);

        Assert.That(state, Is.EqualTo(expected));
    }

    [TestCase(3600, 0, 0)]
    [TestCase(0, 30, 10)]
    [TestCase(0, 60, 10)]
    [TestCase(0, 61, 60)]
    [TestCase(0, 180, 60)]
    [TestCase(0, 360, 120)]
    [TestCase(0, 361, 240)]
    [TestCase(3600, 3600 * 4, 3600 * 4 * 2 / 3)]
    public void GetRenewalDelay_RemainingSeconds_Delay(int limit, int remaining, int expected)
    {
        var delay = CertificateValidity.GetRenewalDelay(NotAfter, NotAfter.AddSeconds(-remaining), TimeSpan.FromSeconds(limit));

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(expected)));
    }

    [Test]
    public void Classify_SharedPkiDevice_ValidNowExpiredLater()
    {
        var device = TestPki.Shared.MfgDevice.Certificate;

        Assert.Multiple(() =>
        {
            Assert.That(CertificateValidity.Classify(device, TestPki.Shared.ValidFrom.AddDays(1), CertificateValidity.DefaultExpiringLimit), Is.EqualTo(CertificateValidityState.Valid));
            Assert.That(CertificateValidity.Classify(device, TestPki.Shared.ValidFrom.AddYears(11), CertificateValidity.DefaultExpiringLimit), Is.EqualTo(CertificateValidityState.Expired));
        });
    }

    [Test]
    public void Midpoint_TwoDayCertificate_OneDayAfterNotBefore()
    {
        using var key = EcKeys.Generate();
        using var certificate = TestPki.Shared.HubCa.IssueDeviceCertificate(
            new System.Security.Cryptography.X509Certificates.X500DistinguishedName("CN=uuid:00000000-0000-0000-0000-000000000009"), key, NotBefore, NotBefore.AddDays(2));

        Assert.That(CertificateValidity.Midpoint(certificate), Is.EqualTo(NotBefore.AddDays(1)));
    }
}
