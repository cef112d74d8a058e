using System.Security.Cryptography;
using Dps.Security;
using Dps.Testing.Pki;
using DpsCloudServer.Pki;

namespace Dps.CloudServer.Tests.Pki;

/// <summary>A temporary <c>pki_certs/</c> directory filled from the shared test PKI; deleted on dispose.</summary>
internal sealed class PkiDirectory : IDisposable
{
    public PkiDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dps-cloud-server-pki-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string TrustAnchorPath => System.IO.Path.Combine(Path, ManufacturerCredentials.TrustAnchorFileName);

    public string CertificatePath => System.IO.Path.Combine(Path, ManufacturerCredentials.CertificateFileName);

    public string PrivateKeyPath => System.IO.Path.Combine(Path, ManufacturerCredentials.PrivateKeyFileName);

    public static string MfgKeyPem()
    {
        using ECDsa key = TestPki.Shared.MfgDevice.GetPrivateKey();
        return EcKeys.ToPkcs8Pem(key);
    }

    public void WriteAll()
    {
        File.WriteAllText(TrustAnchorPath, PemCertificates.ToPem([TestPki.Shared.HubCa.Certificate]));
        File.WriteAllText(CertificatePath, PemCertificates.ToPem(TestPki.Shared.MfgDevice.Chain));
        File.WriteAllText(PrivateKeyPath, MfgKeyPem());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
