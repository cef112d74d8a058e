using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Service.Tests.Configuration;

/// <summary>A temporary directory with the files a valid configuration refers to.</summary>
internal sealed class ConfigDirectory : IDisposable
{
    public static readonly string ValidYaml = """
        listen:
          dps: 127.0.0.1:0
          hub: "[::1]:20041"
        tls:
          dps: {certFile: dps.crt, keyFile: dps.key}
          hub: {certFile: hub.crt, keyFile: hub.key}
        tokens:
          signingKeyFile: keys/token.key
          issuer: https://dps.test
          dpsTokenLifetime: 30m
        certificates:
          validity: 24h
          validFrom: 0
        enrollmentGroups:
          - id: 5db6ccde-05e1-480b-a522-c1591ad7dfd2
            owner: "1"
            attestationMechanism:
              x509:
                certificateChain: mfgca.pem
            preSharedKeyFile: psk.bin
            hubs:
              - hubID: 5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b
                gateways: [127.0.0.1:20040, "coaps+tcp://127.0.0.1:20040", "coap+tcp://[::1]:20040"]
                certificateAuthority: {certFile: ca.crt, keyFile: ca.key}
                authorization:
                  ownerClaim: https://plgd.dev/owner
                  provider: {name: plgd}
        faults:
          - {step: credentials, kind: respond, code: "5.03", count: 3}
        """;

    public ConfigDirectory()
    {
        Path = Directory.CreateTempSubdirectory("dps-service-config-").FullName;
        foreach (var name in new[] { "dps.crt", "dps.key", "hub.crt", "hub.key", "ca.crt", "ca.key" })
        {
            File.WriteAllText(System.IO.Path.Combine(Path, name), "placeholder");
        }

        ManufacturerCaPem = CreateCaPem("Example Manufacturer CA");
        File.WriteAllText(System.IO.Path.Combine(Path, "mfgca.pem"), ManufacturerCaPem);
        File.WriteAllBytes(System.IO.Path.Combine(Path, "psk.bin"), "0123456789abcdef0123"u8.ToArray());
    }

    public string Path { get; }

    public string ManufacturerCaPem { get; }

    public string ConfigFile => System.IO.Path.Combine(Path, "dps-service.yaml");

    public string File_(string name) => System.IO.Path.Combine(Path, name);

    public static string CreateCaPem(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + commonName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem() + "\n";
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
