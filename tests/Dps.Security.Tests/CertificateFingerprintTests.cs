using System.Security.Cryptography;
using Dps.Testing.Pki;

namespace Dps.Security.Tests;

public sealed class CertificateFingerprintTests
{
    [Test]
    public void Compute_Sha256_IsDigestOfDer()
    {
        var certificate = TestPki.Shared.RootCa.Certificate;

        var fingerprint = CertificateFingerprint.Compute(certificate, HashAlgorithmName.SHA256);

        Assert.That(fingerprint.Value.ToArray(), Is.EqualTo(SHA256.HashData(certificate.RawData)));
    }

    [TestCase("SHA256", 32)]
    [TestCase("SHA384", 48)]
    public void Parse_HexWithColons_RoundTripsAndMatches(string algorithm, int length)
    {
        var certificate = TestPki.Shared.HubCa.Certificate;
        var expected = CertificateFingerprint.Compute(certificate, new HashAlgorithmName(algorithm));
        string withColons = string.Join(":", expected.Value.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

        var parsed = CertificateFingerprint.Parse(withColons);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.EqualTo(expected));
            Assert.That(parsed.Value.Length, Is.EqualTo(length));
            Assert.That(parsed.Matches(certificate), Is.True);
            Assert.That(parsed.Matches(TestPki.Shared.RootCa.Certificate), Is.False);
        });
    }

    [TestCase("zz")]
    [TestCase("0102")]
    [TestCase("")]
    public void Parse_Invalid_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => CertificateFingerprint.Parse(text));
    }

    [Test]
    public void Constructor_LengthDoesNotMatchAlgorithm_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new CertificateFingerprint(HashAlgorithmName.SHA384, new byte[32]));
    }

    [Test]
    public void Compute_Sha1_Throws()
    {
        Assert.Throws<ArgumentException>(() => CertificateFingerprint.Compute(TestPki.Shared.RootCa.Certificate, HashAlgorithmName.SHA1));
    }
}
