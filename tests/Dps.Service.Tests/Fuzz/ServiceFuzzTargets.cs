using System.Security.Cryptography;
using System.Text;
using Dps.Fuzz;
using Dps.Security;
using Dps.Service.Configuration;
using Dps.Service.Payloads;
using Dps.Service.Tests.Payloads;
using Dps.Service.Tokens;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Fuzz;

/// <summary>The dps-service readers of device payloads, tokens and its configuration file.</summary>
internal static partial class ServiceFuzzTargets
{
    private const string DeviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";

    private static readonly ECDsa TokenKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static IEnumerable<FuzzTarget> All()
    {
        foreach (var target in PayloadTargets())
        {
            yield return target;
        }

        yield return TokenTarget();
        yield return ConfigTarget();
        foreach (var target in HandlerTargets())
        {
            yield return target;
        }
    }

    private static IEnumerable<FuzzTarget> PayloadTargets()
    {
        var payload = typeof(PayloadFormatException);
        yield return new FuzzTarget(
            "CloudConfigurationRequest.Parse",
            FuzzInputKind.Cbor,
            Seeds(Golden(DevicePayloads.CloudConfigurationRequest), TestCbor.Map(("di", DeviceId))),
            input => CloudConfigurationRequest.Parse(input),
            payload);
        yield return new FuzzTarget(
            "CredentialsRequest.Parse",
            FuzzInputKind.Cbor,
            Seeds(Golden(DevicePayloads.CredentialsRequest)),
            input => CredentialsRequest.Parse(input),
            payload);
        yield return new FuzzTarget(
            "SignUpRequest.Parse",
            FuzzInputKind.Cbor,
            Seeds(Golden(DevicePayloads.SignUpRequest), TestCbor.Map(("di", "d"), ("authcode", "c"))),
            input => SignUpRequest.Parse(input),
            payload);
        yield return new FuzzTarget(
            "SignInRequest.Parse",
            FuzzInputKind.Cbor,
            Seeds(Golden(DevicePayloads.SignInRequest)),
            input => SignInRequest.Parse(input),
            payload);
        yield return new FuzzTarget(
            "TokenRefreshRequest.Parse",
            FuzzInputKind.Cbor,
            Seeds(Golden(DevicePayloads.TokenRefreshRequest)),
            input => TokenRefreshRequest.Parse(input),
            payload);
        yield return new FuzzTarget(
            "PublishRequest.Parse",
            FuzzInputKind.Cbor,
            Seeds(Golden(DevicePayloads.PublishRequest)),
            input => PublishRequest.Parse(input),
            payload);
        yield return new FuzzTarget(
            "UnpublishQuery.Parse",
            FuzzInputKind.Text,
            Seeds(Encoding.UTF8.GetBytes("di=" + DeviceId + "&ins=1&ins=4294967295"), Encoding.UTF8.GetBytes("ins=0")),
            input => UnpublishQuery.Parse(Encoding.UTF8.GetString(input).Split('&')),
            payload);
    }

    private static FuzzTarget TokenTarget()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var service = new AccessTokenService(
            TokenKey,
            new AccessTokenOptions { Issuer = "https://dps.test", OwnerClaim = "https://plgd.dev/owner", DeviceIdClaim = "https://plgd.dev/deviceId" },
            time);
        var seeds = Seeds(
            Encoding.ASCII.GetBytes(service.Issue("b80c8fef-a677-5340-85fb-2c162d75df03", DeviceId, TimeSpan.FromHours(1))),
            Encoding.ASCII.GetBytes(service.Issue("owner", null, TimeSpan.FromMinutes(1))));
        return new FuzzTarget("AccessTokenService.Validate", FuzzInputKind.Text, seeds, input =>
        {
            var result = service.Validate(Encoding.UTF8.GetString(input));
            if (result.IsValid != (result.Claims is not null))
            {
                throw new FuzzCheckException($"IsValid {result.IsValid} but claims {(result.Claims is null ? "absent" : "present")}");
            }
        });
    }

    private static FuzzTarget ConfigTarget()
    {
        var data = "data:;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(PemCertificates.ToPem(TestPki.Shared.MfgCa.Certificate)));
        var yaml = $$"""
            tls:
              dps: {certFile: dps.crt, keyFile: dps.key}
              hub: {certFile: hub.crt, keyFile: hub.key}
            enrollmentGroups:
              - id: 5db6ccde-05e1-480b-a522-c1591ad7dfd2
                owner: 7f1c7a4e-5a1b-4c61-9b7e-1b7a9a7c1111
                name: fleet
                attestationMechanism:
                  x509: {certificateChain: "{{data}}", leadCertificateName: Other, expiredCertificateEnabled: true}
                hubs:
                  - id: 11111111-2222-3333-4444-555555555555
                    hubID: 5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b
                    gateways: [coaps+tcp://hub.example.com:5684, "hub2.example.com:5684"]
                    caPool: ca.crt
                    certificateAuthority: {certFile: ca.crt, keyFile: ca.key}
                    authorization:
                      provider: {name: plgd, clientID: test}
                      deviceIDClaim: https://plgd.dev/deviceId
            """;
        // The TLS files only need to exist; the same directory is reused by every run.
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dps-fuzz-config")).FullName;
        foreach (var name in new[] { "dps.crt", "dps.key", "hub.crt", "hub.key", "ca.crt", "ca.key" })
        {
            File.WriteAllText(Path.Combine(directory, name), string.Empty);
        }

        File.WriteAllText(Path.Combine(directory, "ca.crt"), PemCertificates.ToPem(TestPki.Shared.MfgCa.Certificate));

        var path = Path.Combine(directory, "dps-service.yaml");
        return new FuzzTarget("ServiceConfigLoader.Parse", FuzzInputKind.Text, Seeds(Encoding.UTF8.GetBytes(yaml)), input =>
            ServiceConfigLoader.Parse(Encoding.UTF8.GetString(input), path), typeof(ServiceConfigException))
        {
            UnitTestInputs = 5_000,
        };
    }

    private static byte[] Golden(string hex) => DevicePayloads.Bytes(hex);

    private static byte[][] Seeds(params byte[][] seeds) => seeds;
}
