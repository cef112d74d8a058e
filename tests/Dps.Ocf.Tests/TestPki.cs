using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Ocf.Tests;

/// <summary>A small certificate chain made in memory: root CA → intermediate → device leaf.</summary>
internal static class TestPki
{
    public const string DeviceUuid = "3f1e0b6c-2a65-4c3f-8f5a-5c2f3c5f0c11";
    public const string OwnerUuid = "b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51";
    public const string HubUuid = "adebc667-1f2b-41e3-bf5c-6d6eabc68cc6";

    private static readonly Lazy<Chain> Instance = new(Create);

    public static ECDsa DeviceKey => Instance.Value.DeviceKey;

    public static byte[] DevicePublicKey => Instance.Value.DeviceKey.ExportSubjectPublicKeyInfo();

    /// <summary>Leaf + intermediate as PEM (the identity credential's publicdata).</summary>
    public static string IdentityChainPem => Instance.Value.IdentityPem;

    /// <summary>The root CA as PEM (the trust-CA credential's publicdata).</summary>
    public static string RootPem => Instance.Value.RootPem;

    /// <summary>A leaf for another key pair, same chain.</summary>
    public static string ForeignLeafPem => Instance.Value.ForeignLeafPem;

    private static Chain Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest("CN=Test Intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var intermediatePublic = intermediateRequest.Create(root, now.AddDays(-1), now.AddYears(1), [1]);
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=uuid:" + DeviceUuid, deviceKey, HashAlgorithmName.SHA256);
        using var leaf = leafRequest.Create(intermediate, now.AddDays(-1), now.AddDays(30), [2]);

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherRequest = new CertificateRequest("CN=uuid:" + DeviceUuid, otherKey, HashAlgorithmName.SHA256);
        using var other = otherRequest.Create(intermediate, now.AddDays(-1), now.AddDays(30), [3]);

        return new Chain(
            deviceKey,
            leaf.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n",
            root.ExportCertificatePem() + "\n",
            other.ExportCertificatePem() + "\n");
    }

    private sealed record Chain(ECDsa DeviceKey, string IdentityPem, string RootPem, string ForeignLeafPem);
}
