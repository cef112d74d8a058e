using System.Security.Cryptography;
using Dps.Client.Steps;
using Dps.Fuzz;
using Dps.Ocf;
using Dps.Ocf.Security;
using Dps.Testing.Vectors;

namespace Dps.Client.Tests.Fuzz;

/// <summary>The readers of the DPS answers (time, ownership, cloud configuration, credentials, ACLs, redirect).</summary>
internal static partial class ClientFuzzTargets
{
    private static IEnumerable<FuzzTarget> ResponseTargets()
    {
        var answers = Seeds(
            DevicePayloads.Bytes(DevicePayloads.TimeResponse),
            DevicePayloads.Bytes(DevicePayloads.OwnershipResponse),
            DevicePayloads.Bytes(DevicePayloads.CloudConfigurationResponse));
        yield return new FuzzTarget("DpsPayloads.TryParseTime", FuzzInputKind.Cbor, answers, input =>
        {
            if (DpsPayloads.TryParseTime(input, out var time) && time == default)
            {
                throw new FuzzCheckException("a parsed time is the default value");
            }
        });
        yield return new FuzzTarget("DpsPayloads.TryParseOwner", FuzzInputKind.Cbor, answers, input =>
        {
            if (DpsPayloads.TryParseOwner(input, out var owner) && owner.IsNil)
            {
                throw new FuzzCheckException("a parsed owner is nil");
            }
        });
        yield return new FuzzTarget("DpsPayloads.GetRedirectUri", FuzzInputKind.Cbor, answers, input => _ = DpsPayloads.GetRedirectUri(input));
        yield return new FuzzTarget("DpsPayloads.TryParseCloudConfiguration", FuzzInputKind.Cbor, answers, input =>
        {
            var error = DpsPayloads.TryParseCloudConfiguration(input, out var update);
            if ((error == DpsError.Ok) != (update is not null))
            {
                throw new FuzzCheckException($"answered {error} with update {(update is null ? "null" : "set")}");
            }
        });

        // The device key does not match the golden answer's certificate: mutations reach both the
        // parse failures and the "certificate for another key" rejection.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var credentials = Seeds(DevicePayloads.Bytes(DevicePayloads.CredentialsResponse));
        yield return new FuzzTarget("OcfDeviceSecurity.ApplyDpsCredentials", FuzzInputKind.Cbor, credentials, input =>
        {
            var security = new OcfDeviceSecurity(new InMemoryOcfStore(), 0);
            _ = security.ApplyDpsCredentials(input, publicKey, out _);
        }, typeof(OcfFormatException))
        {
            UnitTestInputs = 5_000,
        };
        var acls = Seeds(DevicePayloads.Bytes(DevicePayloads.AclsResponse));
        yield return new FuzzTarget("OcfDeviceSecurity.ApplyDpsAcls", FuzzInputKind.Cbor, acls, input =>
        {
            var security = new OcfDeviceSecurity(new InMemoryOcfStore(), 0);
            _ = security.ApplyDpsAcls(input);
        }, typeof(OcfFormatException));
    }
}
