using System.Text;
using Dps.Fuzz;
using Dps.Ocf.Cloud;
using Dps.Ocf.Provisioning;
using Dps.Ocf.Security;
using static Dps.Ocf.Tests.TestCbor;

namespace Dps.Ocf.Tests.Fuzz;

/// <summary>The Dps.Ocf parsers that take bytes from a peer or the store.</summary>
internal static class OcfFuzzTargets
{
    private static readonly byte[] Psk16 = Convert.FromHexString("30313233343536373839616263646566");

    public static IEnumerable<FuzzTarget> All()
    {
        var ocf = typeof(OcfFormatException);
        var pstatSeeds = Seeds(
            new Pstat().Encode(),
            Encode(Map(("dos", Map(("s", 2))), ("tm", 2), ("om", 4), ("rowneruuid", TestPki.OwnerUuid)), indefinite: true),
            Encode(Map(("dos", Map(("s", 3), ("p", false))), ("isop", true))));
        yield return new FuzzTarget("Pstat.Update", FuzzInputKind.Cbor, pstatSeeds, input => new Pstat().Update(input));
        yield return new FuzzTarget("Pstat.Decode", FuzzInputKind.Cbor, pstatSeeds, input => Pstat.Decode(input), ocf);

        var doxmSeeds = Seeds(
            new Doxm().Encode(),
            Encode(Map(("oxmsel", 0), ("owned", true), ("devowneruuid", TestPki.OwnerUuid), ("deviceuuid", TestPki.DeviceUuid), ("rowneruuid", TestPki.OwnerUuid)), indefinite: true),
            Encode(Map(("oxmsel", 0xFF01), ("sct", 9))));
        yield return new FuzzTarget("Doxm.Update", FuzzInputKind.Cbor, doxmSeeds, input => new Doxm().Update(input, DeviceOnboardingState.Rfotm));
        yield return new FuzzTarget("Doxm.Decode", FuzzInputKind.Cbor, doxmSeeds, input => Doxm.Decode(input), ocf);

        var credSeeds = Seeds(
            new Cred().Encode(includePrivateData: true),
            Encode(Map(("creds", Array(PskCred(), TrustCaCred())), ("rowneruuid", TestPki.OwnerUuid)), indefinite: true),
            Encode(Map(("creds", Array(IdentityCred()))), indefinite: false));
        yield return new FuzzTarget("Cred.Update", FuzzInputKind.Cbor, credSeeds, input => new Cred().Update(input, DeviceOnboardingState.Rfpro, TestPki.DevicePublicKey))
        {
            UnitTestInputs = 5_000,
        };
        yield return new FuzzTarget("Cred.Decode", FuzzInputKind.Cbor, credSeeds, input => Cred.Decode(input), ocf) { UnitTestInputs = 5_000 };

        var acl = new Acl2();
        acl.AddBootstrapAces(includeWellKnownCore: true);
        var aclSeeds = Seeds(
            acl.Encode(),
            Encode(Map(("aclist2", Array(OwnerAce(), AnonAce())), ("rowneruuid", TestPki.OwnerUuid)), indefinite: true));
        yield return new FuzzTarget("Acl2.Update", FuzzInputKind.Cbor, aclSeeds, input => new Acl2().Update(input, DeviceOnboardingState.Rfpro));
        yield return new FuzzTarget("Acl2.Decode", FuzzInputKind.Cbor, aclSeeds, input => Acl2.Decode(input), ocf);

        var sdiSeeds = Seeds(
            new Sdi().Encode(),
            Encode(Map(("uuid", TestPki.OwnerUuid), ("name", "plgd"), ("priv", false)), indefinite: true));
        yield return new FuzzTarget("Sdi.Update", FuzzInputKind.Cbor, sdiSeeds, input => new Sdi().Update(input));
        yield return new FuzzTarget("Sdi.Decode", FuzzInputKind.Cbor, sdiSeeds, input => Sdi.Decode(input), ocf);

        var cloudSeeds = Seeds(
            Encode(Map(("at", "token"), ("apn", "plgd"), ("cis", "coaps+tcp://hub:5684"), ("sid", TestPki.HubUuid)), indefinite: true),
            Encode(Map(("cis", string.Empty))),
            Encode(Map(("at", "t"), ("cis", "coaps+tcp://hub"), ("sid", TestPki.HubUuid), ("x", Array(1, 2)))));
        yield return new FuzzTarget("CloudConfResource.ParseUpdate", FuzzInputKind.Cbor, cloudSeeds, input =>
        {
            _ = CloudConfResource.ParseUpdate(input, CloudProvisioningStatus.Registered, out _);
        });

        var stored = new CloudConfiguration();
        var configurationSeeds = Seeds(
            stored.Encode(),
            Encode(Map(("ci_server", "coaps+tcp://x"), ("sid", string.Empty), ("cps", 1), ("x", 1)), indefinite: true));
        yield return new FuzzTarget("CloudConfiguration.Decode", FuzzInputKind.Cbor, configurationSeeds, input => CloudConfiguration.Decode(input), ocf);

        var timeSeeds = Seeds(
            new PlgdTimeRecord { LastSyncedTime = new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero) }.Encode(),
            Encode(Map(("lastSyncedTime", "2026-11-22T21:00:00.1234567Z")), indefinite: true));
        yield return new FuzzTarget("PlgdTimeRecord.Decode", FuzzInputKind.Cbor, timeSeeds, input => PlgdTimeRecord.Decode(input), ocf);

        var uuidSeeds = Seeds(
            Encoding.UTF8.GetBytes(TestPki.OwnerUuid),
            Encoding.UTF8.GetBytes("*"),
            Encoding.UTF8.GetBytes("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
            Encoding.UTF8.GetBytes("00000000-0000-0000-0000-000000000000"));
        yield return new FuzzTarget("OcfUuid.TryParse", FuzzInputKind.Text, uuidSeeds, input =>
        {
            var text = Encoding.UTF8.GetString(input);
            if (OcfUuid.TryParse(text, out var uuid) && !OcfUuid.TryParse(uuid.ToString(), out _))
            {
                throw new FuzzCheckException("a parsed UUID does not parse back");
            }

            _ = OcfUuid.TryParseSubject(text, out _);
        });
    }

    private static byte[][] Seeds(params byte[][] seeds) => seeds;

    private static List<KeyValuePair<string, object?>> PskCred() => Map(
        ("credtype", 1),
        ("subjectuuid", TestPki.OwnerUuid),
        ("privatedata", Map(("data", Psk16), ("encoding", "oic.sec.encoding.raw"))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> IdentityCred() => Map(
        ("credtype", 8),
        ("subjectuuid", TestPki.DeviceUuid),
        ("credusage", "oic.sec.cred.cert"),
        ("publicdata", Map(("data", TestPki.IdentityChainPem), ("encoding", "oic.sec.encoding.pem"))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> TrustCaCred() => Map(
        ("credtype", 8),
        ("subjectuuid", TestPki.OwnerUuid),
        ("credusage", "oic.sec.cred.trustca"),
        ("publicdata", Map(("data", TestPki.RootPem), ("encoding", "oic.sec.encoding.pem"))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> Res(string href) => Map(("href", href), ("if", Array("*")));

    private static List<KeyValuePair<string, object?>> OwnerAce() => Map(
        ("aceid", 1),
        ("permission", 31),
        ("subject", Map(("uuid", TestPki.OwnerUuid))),
        ("resources", Array(Res("/CoapCloudConfResURI"), Res("/oic/sec/sp"), Map(("if", Array("*")), ("wc", "*")))),
        ("tag", "dps"));

    private static List<KeyValuePair<string, object?>> AnonAce() => Map(
        ("permission", 2),
        ("subject", Map(("conntype", "anon-clear"))),
        ("resources", Array(Res("/oic/d"), Res("/oic/p"), Res("/oic/res"), Res("/oic/sec/doxm"))),
        ("tag", "dps"));
}
