using System.Formats.Cbor;
using Dps.Service.Payloads;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Payloads;

public class ResponseWriterTests
{
    private static readonly Guid s_owner = new("b80c8fef-a677-5340-85fb-2c162d75df03");
    private static readonly Guid s_hub = new("5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b");
    private const string DeviceId = "1640915f-d3f0-44ce-54bb-5bff4d0ed8a7";

    [Test]
    public void TimeResponse_SameInstantAsGolden_HasSameShape()
    {
        var time = new DateTimeOffset(2026, 11, 22, 19, 58, 48, TimeSpan.Zero).AddTicks(3344754);

        var encoded = TimeResponse.Encode(time);

        // The golden vector has nanoseconds (…48.334475449Z); .NET ticks give 100 ns precision.
        Assert.That(Convert.ToHexString(encoded), Is.EqualTo("A16474696D6578" + "1C" + Convert.ToHexString("2026-11-22T19:58:48.3344754Z"u8)));
        Assert.That(DevicePayloads.TimeResponse[..14], Is.EqualTo("a16474696d6578"));
    }

    [TestCase(0L, "2026-11-22T19:58:48Z")]
    [TestCase(1000000L, "2026-11-22T19:58:48.1Z")]
    [TestCase(1L, "2026-11-22T19:58:48.0000001Z")]
    public void FormatRfc3339Nano_Fraction_TrimsTrailingZeros(long ticks, string expected)
    {
        var time = new DateTimeOffset(2026, 11, 22, 20, 58, 48, TimeSpan.FromHours(1)).AddTicks(ticks);

        Assert.That(TimeResponse.FormatRfc3339Nano(time), Is.EqualTo(expected));
    }

    [Test]
    public void OwnershipResponse_GoldenOwner_IsByteExact()
    {
        Assert.That(Convert.ToHexStringLower(OwnershipResponse.Encode(s_owner)), Is.EqualTo(DevicePayloads.OwnershipResponse));
    }

    [Test]
    public void CloudConfigurationResponse_GoldenValues_IsByteExact()
    {
        var response = new CloudConfigurationResponse(
            "plgd",
            "coaps+tcp://127.0.0.1:37359",
            "dps-at-1dde2c5da578fe91dfb9a5c474ecde71",
            "5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b",
            [new GatewayReference("coaps+tcp://127.0.0.1:37359", "5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b")]);

        Assert.That(Convert.ToHexStringLower(response.Encode()), Is.EqualTo(DevicePayloads.CloudConfigurationResponse));
    }

    [Test]
    public void CloudConfigurationResponse_EmptyValues_OnlyCis()
    {
        var response = new CloudConfigurationResponse(null, "", "", null, []);

        Assert.That(Convert.ToHexStringLower(response.Encode()), Is.EqualTo("a163636973" + "60"));
    }

    [Test]
    public void CredentialsResponse_GoldenValues_IsByteExact()
    {
        var golden = DevicePayloads.Bytes(DevicePayloads.CredentialsResponse);
        var pems = ReadPublicData(golden);

        var response = CredentialsResponse.FromChain(s_owner, DeviceId, pems, null);

        Assert.Multiple(() =>
        {
            Assert.That(pems, Has.Count.EqualTo(2));
            Assert.That(Convert.ToHexStringLower(response.Encode()), Is.EqualTo(DevicePayloads.CredentialsResponse));
        });
    }

    [Test]
    public void CredentialsResponse_WithPskAndIntermediate_PskFirstAndChainSplit()
    {
        var psk = "0123456789abcdefEXTRA"u8.ToArray();
        var response = CredentialsResponse.FromChain(s_owner, DeviceId, ["LEAF\n", "INTERMEDIATE", "ROOT\n"], psk);

        var reader = new CborReader(response.Encode());
        reader.ReadStartMap();
        Assert.That(reader.ReadTextString(), Is.EqualTo("creds"));
        Assert.That(reader.ReadStartArray(), Is.EqualTo(3));
        var psKey = ReadMap(reader);
        var identity = ReadMap(reader);
        var trust = ReadMap(reader);

        Assert.Multiple(() =>
        {
            Assert.That(psKey.Keys, Is.EqualTo(new[] { "credtype", "subjectuuid", "privatedata", "tag" }));
            Assert.That(psKey["credtype"], Is.EqualTo(1L));
            Assert.That(psKey["subjectuuid"], Is.EqualTo("b80c8fef-a677-5340-85fb-2c162d75df03"));
            Assert.That(psKey["privatedata"], Is.EqualTo(new Dictionary<string, object> { ["data"] = "0123456789abcdef"u8.ToArray(), ["encoding"] = "oic.sec.encoding.raw" }));
            Assert.That(psKey["tag"], Is.EqualTo("dps"));
            Assert.That(((Dictionary<string, object>)identity["publicdata"])["data"], Is.EqualTo("LEAF\nINTERMEDIATE\n"));
            Assert.That(identity["subjectuuid"], Is.EqualTo(DeviceId));
            Assert.That(((Dictionary<string, object>)trust["publicdata"])["data"], Is.EqualTo("ROOT\n"));
            Assert.That(trust["credusage"], Is.EqualTo("oic.sec.cred.trustca"));
        });
    }

    [Test]
    public void CredentialsResponse_ShortPsk_Throws()
    {
        var response = CredentialsResponse.FromChain(s_owner, DeviceId, ["LEAF\n", "ROOT\n"], new byte[8]);

        Assert.That(response.Encode, Throws.InvalidOperationException);
    }

    [Test]
    public void CredentialsResponse_ChainOfOne_Throws()
    {
        Assert.That(() => CredentialsResponse.FromChain(s_owner, DeviceId, ["LEAF\n"], null), Throws.ArgumentException);
    }

    [Test]
    public void AclsResponse_GoldenUuids_IsByteExact()
    {
        Assert.That(Convert.ToHexStringLower(AclsResponse.Encode(s_owner, [s_hub])), Is.EqualTo(DevicePayloads.AclsResponse));
    }

    [Test]
    public void AclsResponse_RepeatedHubIds_OneAcePerDistinctHub()
    {
        var other = Guid.NewGuid();
        var reader = new CborReader(AclsResponse.Encode(s_owner, [s_hub, other, s_hub]));
        reader.ReadStartMap();
        reader.ReadTextString();

        Assert.That(reader.ReadStartArray(), Is.EqualTo(4));
    }

    [Test]
    public void SignUpResponse_GoldenValues_IsByteExact()
    {
        var response = new SignUpResponse("hub-at-0114d7ec6c045afc34d33fef959e7587", "1", "hub-at-0114d7ec6c045afc34d33fef959e7587", "", 3600);

        Assert.That(Convert.ToHexStringLower(response.Encode()), Is.EqualTo(DevicePayloads.SignUpResponse));
    }

    [Test]
    public void SignInResponse_GoldenValues_IsByteExact()
    {
        Assert.That(Convert.ToHexStringLower(SignInResponse.Encode(3600)), Is.EqualTo(DevicePayloads.SignInResponse));
    }

    [Test]
    public void SignInResponse_SignOutAndPermanent_Encoded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SignInResponse.EncodeSignOut(), Is.EqualTo(new byte[] { 0xA0 }));
            Assert.That(Convert.ToHexStringLower(SignInResponse.Encode(-1)), Is.EqualTo("a169657870697265736" + "96e20"));
        });
    }

    [Test]
    public void TokenRefreshResponse_GoldenValues_IsByteExact()
    {
        var token = "hub-at-57340f55ea41c9a6ab0b2a8597e0ac28";

        Assert.That(Convert.ToHexStringLower(new TokenRefreshResponse(token, token, 3600).Encode()), Is.EqualTo(DevicePayloads.TokenRefreshResponse));
    }

    [Test]
    public void PublishResponse_GoldenRequest_IsByteExact()
    {
        var request = PublishRequest.Parse(DevicePayloads.Bytes(DevicePayloads.PublishRequest)).WithAssignedInstances();

        Assert.That(Convert.ToHexStringLower(PublishResponse.Encode(request)), Is.EqualTo(DevicePayloads.PublishResponse));
    }

    [Test]
    public void PublishResponse_Selection_IsSelZero()
    {
        var reader = new CborReader(PublishResponse.EncodeSelection());

        Assert.That(ReadMap(reader), Is.EqualTo(new Dictionary<string, object> { ["sel"] = 0L }));
    }

    private static List<string> ReadPublicData(byte[] credentials)
    {
        var reader = new CborReader(credentials);
        reader.ReadStartMap();
        reader.ReadTextString();
        var count = reader.ReadStartArray();
        var pems = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var cred = ReadMap(reader);
            pems.Add((string)((Dictionary<string, object>)cred["publicdata"])["data"]);
        }

        return pems;
    }

    private static Dictionary<string, object> ReadMap(CborReader reader)
    {
        var result = new Dictionary<string, object>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            result[key] = reader.PeekState() switch
            {
                CborReaderState.StartMap => ReadMap(reader),
                CborReaderState.TextString => reader.ReadTextString(),
                CborReaderState.ByteString => reader.ReadByteString(),
                _ => reader.ReadInt64(),
            };
        }

        reader.ReadEndMap();
        return result;
    }
}
