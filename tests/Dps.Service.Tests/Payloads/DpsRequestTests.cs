using System.Formats.Cbor;
using Dps.Service.Payloads;
using Dps.Testing.Vectors;

namespace Dps.Service.Tests.Payloads;

public class DpsRequestTests
{
    [Test]
    public void CloudConfigurationRequest_GoldenIndefiniteLength_ReadsDeviceAndGateway()
    {
        var request = CloudConfigurationRequest.Parse(DevicePayloads.Bytes(DevicePayloads.CloudConfigurationRequest));

        Assert.Multiple(() =>
        {
            Assert.That(request.DeviceId, Is.EqualTo("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
            Assert.That(request.SelectedGateway, Is.EqualTo(new GatewayReference("coaps+tcp://127.0.0.1", "00000000-0000-0000-0000-000000000000")));
        });
    }

    [Test]
    public void CloudConfigurationRequest_DefiniteLengthWithUnknownKey_SkipsUnknown()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteTextString("x");
        writer.WriteStartArray(1);
        writer.WriteInt32(1);
        writer.WriteEndArray();
        writer.WriteTextString("di");
        writer.WriteTextString("abc");
        writer.WriteEndMap();

        var request = CloudConfigurationRequest.Parse(writer.Encode());

        Assert.Multiple(() =>
        {
            Assert.That(request.DeviceId, Is.EqualTo("abc"));
            Assert.That(request.SelectedGateway, Is.Null);
        });
    }

    [Test]
    public void CloudConfigurationRequest_EmptyBody_HasNoProperties()
    {
        Assert.That(CloudConfigurationRequest.Parse(ReadOnlyMemory<byte>.Empty), Is.EqualTo(new CloudConfigurationRequest(null, null)));
    }

    [TestCase("a1626469", TestName = "CloudConfigurationRequest_Truncated_Throws")]
    [TestCase("8102", TestName = "CloudConfigurationRequest_ArrayAtTop_Throws")]
    [TestCase("a162646901", TestName = "CloudConfigurationRequest_DiNotText_Throws")]
    [TestCase("a1016161", TestName = "CloudConfigurationRequest_IntegerKey_Throws")]
    [TestCase("a16264696161ff", TestName = "CloudConfigurationRequest_TrailingBytes_Throws")]
    [TestCase("a16f73656c656374656447617465776179820102", TestName = "CloudConfigurationRequest_GatewayNotMap_Throws")]
    [TestCase("ff", TestName = "CloudConfigurationRequest_BreakByte_Throws")]
    public void CloudConfigurationRequest_WrongShape_ThrowsPayloadFormatException(string hex)
    {
        Assert.That(() => CloudConfigurationRequest.Parse(Convert.FromHexString(hex)), Throws.TypeOf<PayloadFormatException>());
    }

    [Test]
    public void CredentialsRequest_Golden_ReadsPemCsr()
    {
        var request = CredentialsRequest.Parse(DevicePayloads.Bytes(DevicePayloads.CredentialsRequest));

        Assert.Multiple(() =>
        {
            Assert.That(request.DeviceId, Is.EqualTo("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));
            Assert.That(request.CsrPem, Does.StartWith("-----BEGIN CERTIFICATE REQUEST-----\nMIHuMIGWAgEAMDQxMjAwBgNVBAMMKXV1aWQ6MTY0MDkxNWYtZDNmMC00NGNlLTU0\n"));
            Assert.That(request.CsrPem, Does.EndWith("-----END CERTIFICATE REQUEST-----\n"));
            Assert.That(request.SelectedGateway, Is.Null);
        });
    }

    [Test]
    public void CredentialsRequest_DerByteString_IsConvertedToPem()
    {
        var writer = new CborWriter();
        writer.WriteStartMap(2);
        writer.WriteTextString("csr");
        writer.WriteStartMap(2);
        writer.WriteTextString("data");
        writer.WriteByteString([0x30, 0x03, 0x02, 0x01, 0x00]);
        writer.WriteTextString("encoding");
        writer.WriteTextString("oic.sec.encoding.der");
        writer.WriteEndMap();
        writer.WriteTextString("selectedGateway");
        writer.WriteStartMap(1);
        writer.WriteTextString("id");
        writer.WriteTextString("5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b");
        writer.WriteEndMap();
        writer.WriteEndMap();

        var request = CredentialsRequest.Parse(writer.Encode());

        Assert.Multiple(() =>
        {
            Assert.That(request.CsrPem, Is.EqualTo("-----BEGIN CERTIFICATE REQUEST-----\nMAMCAQA=\n-----END CERTIFICATE REQUEST-----\n"));
            Assert.That(request.SelectedGateway!.Id, Is.EqualTo("5a4f7c1e-3b2d-4e6f-9a8b-1c2d3e4f5a6b"));
            Assert.That(request.SelectedGateway.Uri, Is.Empty);
        });
    }

    [TestCase("", "empty")]
    [TestCase("a0", "csr is missing")]
    [TestCase("a163637372a0", "csr.data is missing")]
    [TestCase("a163637372a1646461746160", "csr.data is missing")]
    [TestCase("a163637372a26464617461617868656e636f64696e67626261", "unsupported csr.encoding")]
    [TestCase("a16363737201", "expected a map")]
    public void CredentialsRequest_WrongShape_ThrowsWithReason(string hex, string reason)
    {
        Assert.That(() => CredentialsRequest.Parse(Convert.FromHexString(hex)), Throws.TypeOf<PayloadFormatException>().With.Message.Contains(reason));
    }
}
