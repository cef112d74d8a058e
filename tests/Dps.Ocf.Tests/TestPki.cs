using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Security;

namespace Dps.Ocf.Tests;

/// <summary>
/// The ids and PEM forms the security tests use, cut from the shared test PKI
/// (<see cref="Dps.Testing.Pki.TestPki.Shared"/>): root CA → manufacturer CA → a device leaf for <see cref="DeviceUuid"/>.
/// </summary>
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
        var pki = Dps.Testing.Pki.TestPki.Shared;
        var subject = new X500DistinguishedName("CN=uuid:" + DeviceUuid);
        var deviceKey = EcKeys.Generate();
        using var leaf = pki.MfgCa.IssueDeviceCertificate(subject, deviceKey, pki.ValidFrom, pki.ValidFrom.AddDays(30));
        using var otherKey = EcKeys.Generate();
        using var other = pki.MfgCa.IssueDeviceCertificate(subject, otherKey, pki.ValidFrom, pki.ValidFrom.AddDays(30));
        return new Chain(
            deviceKey,
            leaf.ExportCertificatePem() + "\n" + pki.MfgCa.Certificate.ExportCertificatePem() + "\n",
            pki.RootCa.Certificate.ExportCertificatePem() + "\n",
            other.ExportCertificatePem() + "\n");
    }

    private sealed record Chain(ECDsa DeviceKey, string IdentityPem, string RootPem, string ForeignLeafPem);
}
