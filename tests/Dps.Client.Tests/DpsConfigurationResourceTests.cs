using System.Formats.Cbor;
using Dps.Coap;

namespace Dps.Client.Tests;

public class DpsConfigurationResourceTests
{
    private const string A = "coaps+tcp://dps.example.com:15684";
    private const string B = "coaps+tcp://dps2.example.com:15684";
    private const string C = "coaps+tcp://dps3.example.com:15684";

    /// <summary>Decodes a flat map into key → value (text, int, bool, or a list of (uri, name)).</summary>
    private static Dictionary<string, object> Decode(byte[] cbor)
    {
        var reader = new CborReader(cbor);
        var result = new Dictionary<string, object>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            result[key] = ReadValue(reader);
        }
        reader.ReadEndMap();
        Assert.That(reader.BytesRemaining, Is.Zero);
        return result;
    }

    private static object ReadValue(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.TextString:
                return reader.ReadTextString();
            case CborReaderState.UnsignedInteger:
                return reader.ReadInt32();
            case CborReaderState.Boolean:
                return reader.ReadBoolean();
            case CborReaderState.StartArray:
                var list = new List<object>();
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    list.Add(reader.PeekState() == CborReaderState.StartMap ? Decode(reader) : ReadValue(reader));
                }
                reader.ReadEndArray();
                return list;
            default:
                throw new AssertionException($"unexpected {reader.PeekState()}");
        }
    }

    private static Dictionary<string, object> Decode(CborReader reader)
    {
        var map = new Dictionary<string, object>();
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            map[reader.ReadTextString()] = ReadValue(reader);
        }
        reader.ReadEndMap();
        return map;
    }

    private static byte[] Map(Action<CborWriter> body)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(null);
        body(writer);
        writer.WriteEndMap();
        return writer.Encode();
    }

    [Test]
    public void Encode_BaselineOnResetDevice_MatchesSpecExample()
    {
        var map = Decode(DpsConfigurationResource.Encode(new DpsClientState(), DpsResourceInterface.Baseline));
        Assert.That(map, Is.EquivalentTo(new Dictionary<string, object>
        {
            ["rt"] = new List<object> { "x.plgd.dps.conf" },
            ["if"] = new List<object> { "oic.if.r", "oic.if.rw", "oic.if.baseline" },
            ["lastErrorCode"] = 0,
            ["provisionStatus"] = "uninitialized",
            ["endpoint"] = "",
            ["forceReprovision"] = false,
        }));
    }

    [Test]
    public void Encode_BaselineWithName_IncludesN()
    {
        var map = Decode(DpsConfigurationResource.Encode(new DpsClientState(), DpsResourceInterface.Baseline, "DPS"));
        Assert.That(map["n"], Is.EqualTo("DPS"));
    }

    [Test]
    public void Encode_ReadOnly_AllPropertiesEndpointsOnlyWhenMoreThanOne()
    {
        var state = new DpsClientState { LastError = DpsError.GetOwner, Status = DpsStatus.Initialized | DpsStatus.GetTime };
        state.Endpoints.Add(A, "primary");
        var single = Decode(DpsConfigurationResource.Encode(state, DpsResourceInterface.ReadOnly));
        state.Endpoints.Add(B);
        var two = Decode(DpsConfigurationResource.Encode(state, DpsResourceInterface.ReadOnly));
        Assert.Multiple(() =>
        {
            Assert.That(single.Keys, Is.EquivalentTo(new[]
                { "lastErrorCode", "provisionStatus", "endpoint", "endpointName", "forceReprovision" }));
            Assert.That(single["lastErrorCode"], Is.EqualTo(7));
            Assert.That(single["provisionStatus"], Is.EqualTo("provisioning time"));
            Assert.That(single["endpoint"], Is.EqualTo(A));
            Assert.That(single["endpointName"], Is.EqualTo("primary"));
            Assert.That(two["endpoints"], Is.EqualTo(new List<object>
            {
                new Dictionary<string, object> { ["uri"] = A, ["name"] = "primary" },
                new Dictionary<string, object> { ["uri"] = B, ["name"] = "" },
            }));
        });
    }

    [Test]
    public void Encode_UnknownStatusCombination_OmitsProvisionStatus()
    {
        var state = new DpsClientState { Status = DpsStatus.HasOwner };
        Assert.That(Decode(DpsConfigurationResource.Encode(state, DpsResourceInterface.ReadOnly)).Keys, Has.No.Member("provisionStatus"));
    }

    [Test]
    public void Encode_ReadWrite_OmitsReadOnlyProperties()
    {
        var state = new DpsClientState { Status = DpsStatus.Initialized };
        state.Endpoints.Add(A);
        var map = Decode(DpsConfigurationResource.Encode(state, DpsResourceInterface.ReadWrite));
        Assert.That(map.Keys, Is.EquivalentTo(new[] { "endpoint", "endpointName", "forceReprovision" }));
    }

    [TestCase(null, DpsResourceInterface.Baseline)]
    [TestCase("", DpsResourceInterface.Baseline)]
    [TestCase("oic.if.baseline", DpsResourceInterface.Baseline)]
    [TestCase("oic.if.r", DpsResourceInterface.ReadOnly)]
    [TestCase("oic.if.rw", DpsResourceInterface.ReadWrite)]
    public void TryParseInterface_Known(string? value, DpsResourceInterface expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsConfigurationResource.TryParseInterface(value, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(expected));
        });
    }

    [Test]
    public void TryParseInterface_Unknown_False()
    {
        Assert.That(DpsConfigurationResource.TryParseInterface("oic.if.a", out _), Is.False);
    }

    [Test]
    public void ApplyPost_EndpointNameAndList_StoresThreeEndpointsWithNames()
    {
        var state = new DpsClientState();
        var body = Map(w =>
        {
            w.WriteTextString("endpoint");
            w.WriteTextString(A);
            w.WriteTextString("endpointName");
            w.WriteTextString("primary");
            w.WriteTextString("endpoints");
            w.WriteStartArray(null);
            foreach (var (uri, name) in new[] { (A, "dup"), (B, "second"), (C, "third") })
            {
                w.WriteStartMap(null);
                w.WriteTextString("uri");
                w.WriteTextString(uri);
                w.WriteTextString("name");
                w.WriteTextString(name);
                w.WriteEndMap();
            }
            w.WriteStartMap(null);
            w.WriteTextString("name");
            w.WriteTextString("no uri");
            w.WriteEndMap();
            w.WriteEndArray();
        });
        var result = DpsConfigurationResource.ApplyPost(state, body);
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new DpsConfigurationPostResult(CoapCode.Changed, SelectedEndpointChanged: true, Reprovision: true)));
            Assert.That(state.Endpoints.ToList(), Is.EqualTo(new[]
            {
                new DpsEndpoint(A, "primary"), new DpsEndpoint(B, "second"), new DpsEndpoint(C, "third"),
            }));
            Assert.That(state.Endpoints.Selected?.Uri, Is.EqualTo(A));
        });
    }

    [Test]
    public void ApplyPost_SameEndpoint_NoSelectedChangeButReprovision()
    {
        var state = new DpsClientState();
        state.Endpoints.Add(A);
        var result = DpsConfigurationResource.ApplyPost(state, Map(w =>
        {
            w.WriteTextString("endpoint");
            w.WriteTextString(A);
        }));
        Assert.That(result, Is.EqualTo(new DpsConfigurationPostResult(CoapCode.Changed, Reprovision: true)));
    }

    [Test]
    public void ApplyPost_EmptyEndpoint_ResetsAndDeregisters()
    {
        var state = new DpsClientState
        {
            Status = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted,
            LastError = DpsError.Response,
        };
        state.Endpoints.Add(A);
        var result = DpsConfigurationResource.ApplyPost(state, Map(w =>
        {
            w.WriteTextString("endpoint");
            w.WriteTextString("");
            w.WriteTextString("forceReprovision");
            w.WriteBoolean(true);
        }));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new DpsConfigurationPostResult(CoapCode.Changed, Deregister: true)));
            Assert.That(state.Endpoints.IsEmpty, Is.True);
            Assert.That(state.Status, Is.EqualTo(DpsStatus.Uninitialized));
            Assert.That(state.LastError, Is.EqualTo(DpsError.Ok));
            var map = Decode(DpsConfigurationResource.Encode(state, DpsResourceInterface.ReadOnly));
            Assert.That(map["endpoint"], Is.EqualTo(""));
            Assert.That(map["provisionStatus"], Is.EqualTo("uninitialized"));
        });
    }

    [Test]
    public void ApplyPost_ForceReprovision_Changed()
    {
        var state = new DpsClientState();
        state.Endpoints.Add(A);
        var result = DpsConfigurationResource.ApplyPost(state, Map(w =>
        {
            w.WriteTextString("forceReprovision");
            w.WriteBoolean(true);
        }));
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new DpsConfigurationPostResult(CoapCode.Changed, Reprovision: true)));
            Assert.That(state.Endpoints.Selected?.Uri, Is.EqualTo(A));
        });
    }

    [Test]
    public void ApplyPost_NothingRecognised_BadRequest()
    {
        var state = new DpsClientState();
        var result = DpsConfigurationResource.ApplyPost(state, Map(w =>
        {
            w.WriteTextString("forceReprovision");
            w.WriteBoolean(false);
            w.WriteTextString("lastErrorCode");
            w.WriteInt32(3);
        }));
        Assert.That(result, Is.EqualTo(new DpsConfigurationPostResult(CoapCode.BadRequest)));
    }

    [TestCase("")]
    [TestCase("83010203")]
    [TestCase("A168656E64706F696E7401")]
    [TestCase("A1706675726365526570726F766973696F6E01")]
    [TestCase("BF68656E64706F696E74")]
    public void ApplyPost_Malformed_BadRequestAndNothingApplied(string hex)
    {
        var state = new DpsClientState();
        state.Endpoints.Add(A);
        var result = DpsConfigurationResource.ApplyPost(state, Convert.FromHexString(hex));
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(state.Endpoints.ToList(), Is.EqualTo(new[] { new DpsEndpoint(A) }));
        });
    }

    [Test]
    public void ApplyPost_EndpointsWithBadEntryType_BadRequestAndNothingApplied()
    {
        var state = new DpsClientState();
        state.Endpoints.Add(A);
        var body = Map(w =>
        {
            w.WriteTextString("endpoint");
            w.WriteTextString(B);
            w.WriteTextString("endpoints");
            w.WriteStartArray(1);
            w.WriteInt32(5);
            w.WriteEndArray();
        });
        Assert.Multiple(() =>
        {
            Assert.That(DpsConfigurationResource.ApplyPost(state, body).Code, Is.EqualTo(CoapCode.BadRequest));
            Assert.That(state.Endpoints.Selected?.Uri, Is.EqualTo(A));
        });
    }
}
