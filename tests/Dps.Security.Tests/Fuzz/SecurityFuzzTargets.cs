using System.Security.Cryptography;
using System.Text;
using Dps.Fuzz;
using Dps.Testing.Pki;

namespace Dps.Security.Tests.Fuzz;

/// <summary>The Dps.Security parsers of PEM and DER that come from files or peers.</summary>
internal static class SecurityFuzzTargets
{
    private const int X509Inputs = 3_000;

    public static IEnumerable<FuzzTarget> All()
    {
        var pem = typeof(PemFormatException);
        var pki = TestPki.Shared;
        var chainPem = PemCertificates.ToPem(pki.MfgDevice.Chain);
        using var deviceKey = pki.MfgDevice.GetPrivateKey();
        var csr = CertificateSigningRequest.Create(deviceKey, pki.DeviceId);

        var chainSeeds = Seeds(
            Encoding.ASCII.GetBytes(chainPem),
            Encoding.ASCII.GetBytes(PemCertificates.ToPem(pki.DpsServer.Certificate) + EcKeys.ToPkcs8Pem(deviceKey)));
        yield return new FuzzTarget("PemCertificates.LoadChain", FuzzInputKind.Text, chainSeeds, input => Dispose(PemCertificates.LoadChain(Text(input))), pem)
        {
            UnitTestInputs = X509Inputs,
        };

        var certificateDerSeeds = Seeds(pki.MfgDevice.Certificate.RawData, pki.DpsServer.Certificate.RawData);
        yield return new FuzzTarget("PemCertificates.LoadChain(DER)", FuzzInputKind.Binary, certificateDerSeeds, input =>
            Dispose(PemCertificates.LoadChain(PemEncoding.WriteString(PemCertificates.CertificateLabel, input))), pem)
        {
            UnitTestInputs = X509Inputs,
        };

        var keySeeds = Seeds(
            Encoding.ASCII.GetBytes(EcKeys.ToPkcs8Pem(deviceKey)),
            Encoding.ASCII.GetBytes(deviceKey.ExportECPrivateKeyPem()),
            Encoding.ASCII.GetBytes(chainPem + deviceKey.ExportECPrivateKeyPem()));
        yield return new FuzzTarget("EcKeys.LoadPrivateKey", FuzzInputKind.Text, keySeeds, input => EcKeys.LoadPrivateKey(Text(input)).Dispose(), pem)
        {
            UnitTestInputs = X509Inputs,
        };

        var keyDerSeeds = Seeds(deviceKey.ExportPkcs8PrivateKey(), deviceKey.ExportECPrivateKey());
        yield return new FuzzTarget("EcKeys.LoadPrivateKey(DER)", FuzzInputKind.Binary, keyDerSeeds, input =>
        {
            try
            {
                EcKeys.LoadPrivateKey(PemEncoding.WriteString("PRIVATE KEY", input)).Dispose();
            }
            catch (PemFormatException)
            {
                // Not PKCS#8; try the same bytes as SEC1.
                EcKeys.LoadPrivateKey(PemEncoding.WriteString("EC PRIVATE KEY", input)).Dispose();
            }
        }, pem)
        {
            UnitTestInputs = X509Inputs,
        };

        var csrPemSeeds = Seeds(Encoding.ASCII.GetBytes(csr.ToPem()));
        yield return new FuzzTarget("CertificateSigningRequest.Parse", FuzzInputKind.Text, csrPemSeeds, input => Inspect(CertificateSigningRequest.Parse(Text(input))), pem)
        {
            UnitTestInputs = X509Inputs,
        };

        var csrDerSeeds = Seeds(PemEncoding.TryFind(csr.ToPem(), out var fields) ? Convert.FromBase64String(csr.ToPem()[fields.Base64Data]) : []);
        yield return new FuzzTarget("CertificateSigningRequest.FromDer", FuzzInputKind.Binary, csrDerSeeds, input => Inspect(CertificateSigningRequest.FromDer(input)), pem)
        {
            UnitTestInputs = X509Inputs,
        };
    }

    private static byte[][] Seeds(params byte[][] seeds) => seeds;

    private static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    private static void Dispose(IReadOnlyList<IDisposable> items)
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }

    /// <summary>What the service does with a parsed CSR: device id, signature and public key.</summary>
    private static void Inspect(CertificateSigningRequest request)
    {
        _ = request.DeviceId;
        _ = request.VerifySignature();
        try
        {
            request.GetPublicKey().Dispose();
        }
        catch (CryptographicException)
        {
            // Documented: the key is not an EC key.
        }
    }
}
