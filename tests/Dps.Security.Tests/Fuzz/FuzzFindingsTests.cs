using System.Security.Cryptography;
using Dps.Testing.Pki;

namespace Dps.Security.Tests.Fuzz;

/// <summary>
/// Inputs the fuzzer found that escaped with an undocumented exception, rebuilt from a valid key or CSR
/// by the same one-byte change the fuzzer made.
/// </summary>
public sealed class FuzzFindingsTests
{
    // DER of the P-256 curve OID 1.2.840.10045.3.1.7; the fuzzer changed one arc (…10045.29.1.7).
    private static readonly byte[] P256Oid = Convert.FromHexString("06082A8648CE3D030107");
    private static readonly byte[] UnknownCurveOid = Convert.FromHexString("06082A8648CE3D1D0107");

    [Test]
    public void LoadPrivateKey_Pkcs8WithUnknownCurveOid_ThrowsPemFormatException()
    {
        using var key = EcKeys.Generate();
        var der = Replace(key.ExportPkcs8PrivateKey(), P256Oid, UnknownCurveOid);

        Assert.That(() => EcKeys.LoadPrivateKey(PemEncoding.WriteString("PRIVATE KEY", der)), Throws.TypeOf<PemFormatException>());
    }

    [Test]
    public void LoadPrivateKey_Sec1WithUnknownCurveOid_ThrowsPemFormatException()
    {
        using var key = EcKeys.Generate();
        var der = Replace(key.ExportECPrivateKey(), P256Oid, UnknownCurveOid);

        Assert.That(() => EcKeys.LoadPrivateKey(PemEncoding.WriteString("EC PRIVATE KEY", der)), Throws.TypeOf<PemFormatException>());
    }

    [Test]
    public void GetPublicKey_UnknownCurveOid_ThrowsCryptographicException()
    {
        var request = CertificateSigningRequest.FromDer(Replace(CsrDer(), P256Oid, UnknownCurveOid));

        Assert.That(() => request.GetPublicKey(), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void VerifySignature_InvalidPointEncoding_ReturnsFalse()
    {
        // The uncompressed point's 0x04 prefix replaced by 0x3A (BouncyCastle throws FormatException).
        var der = Replace(CsrDer(), Convert.FromHexString("03420004"), Convert.FromHexString("0342003A"));
        var request = CertificateSigningRequest.FromDer(der);

        Assert.That(request.VerifySignature(), Is.False);
    }

    [Test]
    public void Parse_CommonNameTaggedNumericString_HasNoCommonName()
    {
        // The CN's UTF8String tag (0x0C) changed to NumericString (0x12): "uuid:…" is not numeric.
        var der = Replace(CsrDer(), Convert.FromHexString("0603550403" + "0C29"), Convert.FromHexString("0603550403" + "1229"));
        var pem = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        var request = CertificateSigningRequest.Parse(pem);

        Assert.That(request.CommonName, Is.Null);
    }

    private static byte[] CsrDer()
    {
        using var key = EcKeys.Generate();
        var pem = CertificateSigningRequest.CreatePem(key, TestPki.DefaultDeviceId);
        Assert.That(PemEncoding.TryFind(pem, out var fields), Is.True);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }

    private static byte[] Replace(byte[] data, byte[] from, byte[] to)
    {
        var at = data.AsSpan().IndexOf(from);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), "pattern not found");
        var copy = (byte[])data.Clone();
        to.CopyTo(copy, at);
        return copy;
    }
}
