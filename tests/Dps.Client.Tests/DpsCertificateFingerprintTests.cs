using System.Security.Cryptography;

namespace Dps.Client.Tests;

public class DpsCertificateFingerprintTests
{
    [Test]
    public void Create_Sha256With32Bytes_Readable()
    {
        var digest = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var fingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, digest);
        Assert.Multiple(() =>
        {
            Assert.That(fingerprint.Algorithm, Is.EqualTo(HashAlgorithmName.SHA256));
            Assert.That(fingerprint.Digest.ToArray(), Is.EqualTo(digest));
            Assert.That(fingerprint.IsUsable, Is.True);
        });
    }

    [Test]
    public void Create_Sha384With48Bytes_Accepted()
    {
        Assert.That(DpsCertificateFingerprint.Create(HashAlgorithmName.SHA384, new byte[48]).Algorithm,
            Is.EqualTo(HashAlgorithmName.SHA384));
    }

    [TestCase(31)]
    [TestCase(33)]
    [TestCase(48)]
    [TestCase(0)]
    public void Create_Sha256WrongLength_Throws(int length)
    {
        Assert.That(() => DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, new byte[length]),
            Throws.ArgumentException.With.Message.Contains("32 bytes"));
    }

    [Test]
    public void Create_Md5_Throws()
    {
        Assert.That(() => DpsCertificateFingerprint.Create(HashAlgorithmName.MD5, new byte[16]),
            Throws.ArgumentException.With.Message.Contains("not supported"));
    }

    [TestCase("SHA256", true)]
    [TestCase("sha384", true)]
    [TestCase("SHA-256", false)]
    [TestCase("MD5", false)]
    [TestCase("", false)]
    public void TryParseHashName_MbedTlsNames(string name, bool expected)
    {
        Assert.That(DpsCertificateFingerprint.TryParseHashName(name, out _), Is.EqualTo(expected));
    }

    [Test]
    public void Matches_DigestOfCertificate_True()
    {
        var der = "not really a certificate"u8.ToArray();
        var sha256 = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, SHA256.HashData(der));
        var sha384 = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA384, SHA384.HashData(der));
        var none = DpsCertificateFingerprint.CreateWithoutAlgorithm(SHA256.HashData(der));
        Assert.Multiple(() =>
        {
            Assert.That(sha256.Matches(der), Is.True);
            Assert.That(sha384.Matches(der), Is.True);
            Assert.That(sha256.Matches("other"u8), Is.False);
            Assert.That(none.Matches(der), Is.False);
            Assert.That(none.IsUsable, Is.False);
        });
    }

    [Test]
    public void Equals_SameAlgorithmAndDigest()
    {
        var a = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, new byte[32]);
        var b = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, new byte[32]);
        var c = DpsCertificateFingerprint.CreateWithoutAlgorithm(new byte[32]);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a, Is.Not.EqualTo(c));
        });
    }
}
