using System.Security.Cryptography;

namespace Dps.Security.Tests;

public sealed class EcKeysTests
{
    // Made with `openssl ecparam -name prime256v1 -genkey` (EC PARAMETERS + SEC1 key).
    private const string OpenSslSec1Pem =
        "-----BEGIN EC PARAMETERS-----\n" +
        "BggqhkjOPQMBBw==\n" +
        "-----END EC PARAMETERS-----\n" +
        "-----BEGIN EC PRIVATE KEY-----\n" +
        "MHcCAQEEIKPJSdnW73Zm6JgQvNq/12OL8yBaIaAVRPU8snk3F0F8oAoGCCqGSM49\n" +
        "AwEHoUQDQgAEO+CshoTuojUBxF8D6E62aIlgV+9CcgNXtwwNxFJSe4BINXk88DNE\n" +
        "+/Rl539S5nx7YJo5tG6xVEIeKvW6X21kmw==\n" +
        "-----END EC PRIVATE KEY-----\n";

    private const string OpenSslSec1PublicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEO+CshoTuojUBxF8D6E62aIlgV+9C" +
        "cgNXtwwNxFJSe4BINXk88DNE+/Rl539S5nx7YJo5tG6xVEIeKvW6X21kmw==";

    [TestCase(EcKeyCurve.P256, 256)]
    [TestCase(EcKeyCurve.P384, 384)]
    public void Generate_Curve_HasKeySize(EcKeyCurve curve, int keySize)
    {
        using ECDsa key = EcKeys.Generate(curve);

        Assert.Multiple(() =>
        {
            Assert.That(key.KeySize, Is.EqualTo(keySize));
            Assert.That(EcKeys.GetCurve(key), Is.EqualTo(curve));
        });
    }

    [TestCase(EcKeyCurve.P256)]
    [TestCase(EcKeyCurve.P384)]
    public void ToPkcs8Pem_ThenLoad_SameKey(EcKeyCurve curve)
    {
        using ECDsa key = EcKeys.Generate(curve);

        string pem = EcKeys.ToPkcs8Pem(key);
        using ECDsa loaded = EcKeys.LoadPrivateKey(pem);

        Assert.Multiple(() =>
        {
            Assert.That(pem, Does.StartWith("-----BEGIN PRIVATE KEY-----\n"));
            Assert.That(pem, Does.EndWith("-----END PRIVATE KEY-----\n"));
            Assert.That(EcKeys.HaveSamePublicKey(key, loaded), Is.True);
            Assert.That(loaded.ExportPkcs8PrivateKey(), Is.EqualTo(key.ExportPkcs8PrivateKey()));
        });
    }

    [Test]
    public void LoadPrivateKey_Sec1FromDotNet_Loads()
    {
        using ECDsa key = EcKeys.Generate();
        string pem = key.ExportECPrivateKeyPem();

        using ECDsa loaded = EcKeys.LoadPrivateKey(pem);

        Assert.That(EcKeys.HaveSamePublicKey(key, loaded), Is.True);
    }

    [Test]
    public void LoadPrivateKey_OpenSslSec1WithParameters_LoadsExpectedKey()
    {
        using ECDsa loaded = EcKeys.LoadPrivateKey(OpenSslSec1Pem);

        Assert.That(Convert.ToBase64String(loaded.ExportSubjectPublicKeyInfo()), Is.EqualTo(OpenSslSec1PublicKey));
    }

    [Test]
    public void LoadPrivateKey_RsaPkcs8_ThrowsWithoutKeyBytesInMessage()
    {
        using RSA rsa = RSA.Create(1024);
        string pem = rsa.ExportPkcs8PrivateKeyPem();

        var ex = Assert.Throws<PemFormatException>(() => EcKeys.LoadPrivateKey(pem));

        string body = pem.Split('\n')[1];
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("not a valid EC private key"));
            Assert.That(ex.Message, Does.Not.Contain(body[..16]));
        });
    }

    [Test]
    public void LoadPrivateKey_RsaTraditional_Throws()
    {
        using RSA rsa = RSA.Create(1024);

        var ex = Assert.Throws<PemFormatException>(() => EcKeys.LoadPrivateKey(rsa.ExportRSAPrivateKeyPem()));

        Assert.That(ex!.Message, Does.Contain("RSA keys are not supported"));
    }

    [Test]
    public void LoadPrivateKey_Encrypted_Throws()
    {
        using ECDsa key = EcKeys.Generate();
        string pem = key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));

        var ex = Assert.Throws<PemFormatException>(() => EcKeys.LoadPrivateKey(pem));

        Assert.That(ex!.Message, Does.Contain("encrypted"));
    }

    [Test]
    public void LoadPrivateKey_CorruptSec1_ThrowsNamingSec1()
    {
        string pem = "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n";

        var ex = Assert.Throws<PemFormatException>(() => EcKeys.LoadPrivateKey(pem));

        Assert.That(ex!.Message, Does.Contain("SEC1"));
    }

    [Test]
    public void LoadPrivateKey_CertificateOnly_ThrowsNoKeyBlock()
    {
        string pem = PemCertificates.ToPem(Dps.Testing.Pki.TestPki.Shared.RootCa.Certificate);

        var ex = Assert.Throws<PemFormatException>(() => EcKeys.LoadPrivateKey(pem));

        Assert.That(ex!.Message, Does.Contain("no '-----BEGIN PRIVATE KEY-----'"));
    }

    [Test]
    public void LoadPrivateKey_TruncatedPem_ThrowsMalformed()
    {
        using ECDsa key = EcKeys.Generate();
        string pem = EcKeys.ToPkcs8Pem(key);

        Assert.Throws<PemFormatException>(() => EcKeys.LoadPrivateKey(pem[..(pem.Length - 10)]));
    }
}
