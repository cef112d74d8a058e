using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security.Tests;

public sealed class CertificateSigningRequestTests
{
    private static readonly Guid DeviceId = new("3f1e0b6c-2a65-4c3f-8f5a-5c2f3c5f0c11");

    [Test]
    public void CreatePem_DeviceId_IsPemWith64ColumnLinesAndTrailingNewline()
    {
        using ECDsa key = EcKeys.Generate();

        string pem = CertificateSigningRequest.CreatePem(key, DeviceId);

        string[] lines = pem.TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("-----BEGIN CERTIFICATE REQUEST-----"));
            Assert.That(lines[^1], Is.EqualTo("-----END CERTIFICATE REQUEST-----"));
            Assert.That(pem, Does.EndWith("-----\n"));
            Assert.That(lines[1..^1].Take(lines.Length - 3), Has.All.Length.EqualTo(64));
            Assert.That(lines[^2], Has.Length.InRange(1, 64));
            Assert.That(pem, Has.Length.LessThan(1024));
        });
    }

    [Test]
    public void Parse_CreatedCsr_HasSubjectKeyAlgorithmAndValidSignature()
    {
        using ECDsa key = EcKeys.Generate();

        var csr = CertificateSigningRequest.Parse(CertificateSigningRequest.CreatePem(key, DeviceId));

        Assert.Multiple(() =>
        {
            Assert.That(csr.Subject.Name, Is.EqualTo("CN=uuid:3f1e0b6c-2a65-4c3f-8f5a-5c2f3c5f0c11"));
            Assert.That(csr.CommonName, Is.EqualTo("uuid:3f1e0b6c-2a65-4c3f-8f5a-5c2f3c5f0c11"));
            Assert.That(csr.DeviceId, Is.EqualTo(DeviceId));
            Assert.That(csr.SignatureAlgorithmOid, Is.EqualTo(OcfOids.EcdsaWithSha256));
            Assert.That(csr.HasAttributes, Is.False);
            Assert.That(csr.HasPublicKeyOf(key), Is.True);
            Assert.That(csr.VerifySignature(), Is.True);
        });
    }

    [Test]
    public void CreatePem_P384Sha384_IsReadableByDotNet()
    {
        using ECDsa key = EcKeys.Generate(EcKeyCurve.P384);

        string pem = CertificateSigningRequest.CreatePem(key, DeviceId, HashAlgorithmName.SHA384);

        // .NET's own loader checks the signature by default.
        CertificateRequest request = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA384);
        Assert.Multiple(() =>
        {
            Assert.That(request.SubjectName.Name, Is.EqualTo("CN=uuid:3f1e0b6c-2a65-4c3f-8f5a-5c2f3c5f0c11"));
            Assert.That(request.CertificateExtensions, Is.Empty);
            Assert.That(CertificateSigningRequest.Parse(pem).SignatureAlgorithmOid, Is.EqualTo(OcfOids.EcdsaWithSha384));
        });
    }

    [Test]
    public void Parse_CsrMadeByDotNet_VerifiesAndReadsDeviceId()
    {
        using ECDsa key = EcKeys.Generate();
        var request = new CertificateRequest("CN=uuid:3F1E0B6C-2A65-4C3F-8F5A-5C2F3C5F0C11", key, HashAlgorithmName.SHA256);

        var csr = CertificateSigningRequest.Parse(request.CreateSigningRequestPem());

        Assert.Multiple(() =>
        {
            Assert.That(csr.VerifySignature(), Is.True);
            Assert.That(csr.DeviceId, Is.EqualTo(DeviceId));
        });
    }

    [Test]
    public void VerifySignature_TamperedSubject_False()
    {
        using ECDsa key = EcKeys.Generate();
        byte[] der = CertificateSigningRequest.Create(key, DeviceId).Der.ToArray();
        int at = IndexOf(der, "3f1e0b6c"u8.ToArray());
        der[at] = (byte)'4';

        var csr = CertificateSigningRequest.FromDer(der);

        Assert.Multiple(() =>
        {
            Assert.That(csr.CommonName, Does.StartWith("uuid:4f1e0b6c"));
            Assert.That(csr.VerifySignature(), Is.False);
        });
    }

    [Test]
    public void VerifySignature_SignatureOfAnotherKey_False()
    {
        using ECDsa key = EcKeys.Generate();
        using ECDsa other = EcKeys.Generate();
        byte[] der = CertificateSigningRequest.Create(key, DeviceId).Der.ToArray();
        byte[] otherSpki = other.ExportSubjectPublicKeyInfo();
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        int at = IndexOf(der, spki);
        otherSpki.CopyTo(der, at);

        var csr = CertificateSigningRequest.FromDer(der);

        Assert.That(csr.VerifySignature(), Is.False);
    }

    [TestCase("")]
    [TestCase("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    [TestCase("-----BEGIN CERTIFICATE REQUEST-----\nAAECAwQ=\n-----END CERTIFICATE REQUEST-----\n")]
    [TestCase("-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n")]
    public void Parse_Malformed_ThrowsPemFormatException(string pem)
    {
        Assert.Throws<PemFormatException>(() => CertificateSigningRequest.Parse(pem));
    }

    [Test]
    public void Create_CommonName_IsOneUtf8StringRdn()
    {
        using ECDsa key = EcKeys.Generate();

        var csr = CertificateSigningRequest.Create(key, DeviceId);

        // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String (0x0C) "uuid:..." } } }
        Assert.That(Convert.ToHexString(csr.Subject.RawData), Does.StartWith("3034313230300603550403" + "0C29"));
    }

    [Test]
    public void Create_DeviceIdIsWrittenLowerCase()
    {
        using ECDsa key = EcKeys.Generate();

        var csr = CertificateSigningRequest.Create(key, new Guid("ABCDEFAB-CDEF-ABCD-EFAB-CDEFABCDEFAB"));

        Assert.That(csr.CommonName, Is.EqualTo("uuid:abcdefab-cdef-abcd-efab-cdefabcdefab"));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int at = haystack.AsSpan().IndexOf(needle);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), "pattern not found");
        return at;
    }
}
