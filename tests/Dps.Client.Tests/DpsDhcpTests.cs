using System.Security.Cryptography;
using System.Text;

namespace Dps.Client.Tests;

public class DpsDhcpTests
{
    private const string Endpoint = "coaps+tcp://plgd.cloud:26684";

    // PROTOCOL.md §5 worked example, in lease-file form: C8 1C <endpoint> C9 20 <SHA-256 digest> CA 06 "SHA256".
    private const string ExampleHex =
        "c8:1c:63:6f:61:70:73:2b:74:63:70:3a:2f:2f:70:6c:67:64:2e:63:6c:6f:75:64:3a:32:36:36:38:34:" +
        "c9:20:a1:e1:c3:4c:3e:3:17:8d:e4:77:79:f9:92:28:7d:fe:b4:b7:70:2f:80:ee:d9:15:dd:ec:d6:54:e4:c6:4f:e2:" +
        "ca:6:53:48:41:32:35:36";

    private static readonly byte[] ExampleDigest = Convert.FromHexString(
        "A1E1C34C3E03178DE47779F992287DFEB4B7702F80EED915DDECD654E4C64FE2");

    private static byte[] ExampleBytes()
    {
        var count = DpsDhcp.GetHexStringByteCount(ExampleHex);
        var bytes = new byte[count];
        Assert.That(DpsDhcp.HexStringToBytes(ExampleHex, bytes), Is.EqualTo(count));
        return bytes;
    }

    [Test]
    public void OptionCodes_Defaults()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.DefaultEndpointOptionCode, Is.EqualTo(200));
            Assert.That(DpsDhcp.DefaultCertificateFingerprintOptionCode, Is.EqualTo(201));
            Assert.That(DpsDhcp.CertificateFingerprintHashNameOptionCode, Is.EqualTo(202));
        });
    }

    [Test]
    public void HexStringToBytes_ColonSeparatedShortDigits_FourBytes()
    {
        Assert.That(DpsDhcp.GetHexStringByteCount("c8:2:a:b"), Is.EqualTo(4));
        var buffer = new byte[4];
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.HexStringToBytes("c8:2:a:b", buffer), Is.EqualTo(4));
            Assert.That(buffer, Is.EqualTo(new byte[] { 0xC8, 0x02, 0x0A, 0x0B }));
        });
    }

    [TestCase("010a0314", "010A0314")]
    [TestCase("01:a:3:14", "010A0314")]
    [TestCase("AbCd", "ABCD")]
    [TestCase("abc", "AB0C")]
    [TestCase("1", "01")]
    [TestCase("ff:", "FF")]
    public void HexStringToBytes_AcceptedForms(string hex, string expected)
    {
        var buffer = new byte[16];
        var count = DpsDhcp.HexStringToBytes(hex, buffer);
        Assert.That(Convert.ToHexString(buffer, 0, count), Is.EqualTo(expected));
    }

    [TestCase("c8:2g")]
    [TestCase("c8 02")]
    [TestCase("0x01")]
    [TestCase("01;")]
    public void HexStringToBytes_BadCharacter_MinusOne(string hex)
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.GetHexStringByteCount(hex), Is.EqualTo(-1));
            Assert.That(DpsDhcp.HexStringToBytes(hex, new byte[8]), Is.EqualTo(-1));
        });
    }

    [Test]
    public void HexStringToBytes_SmallBuffer_WritesPrefixReturnsNeeded()
    {
        var buffer = new byte[2];
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.HexStringToBytes("01:02:03:04", buffer), Is.EqualTo(4));
            Assert.That(buffer, Is.EqualTo(new byte[] { 1, 2 }));
        });
    }

    [Test]
    public void TryParse_Example_EndpointAndFingerprint()
    {
        var bytes = ExampleBytes();
        Assert.That(bytes, Has.Length.EqualTo(72));
        Assert.That(DpsVendorEncapsulatedOptions.TryParse(bytes, 200, 201, out var options), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(options!.Endpoint, Is.EqualTo(Endpoint));
            Assert.That(options.CertificateFingerprint?.ToArray(), Is.EqualTo(ExampleDigest));
            Assert.That(options.HashName, Is.EqualTo("SHA256"));
        });
    }

    [TestCase("C803616263C900")]
    [TestCase("C805616263")]
    [TestCase("C803616263CB0101")]
    [TestCase("C803616263CA0053")]
    public void TryParse_Rejected(string hex)
    {
        Assert.That(DpsVendorEncapsulatedOptions.TryParse(Convert.FromHexString(hex), 200, 201, out _), Is.False);
    }

    [Test]
    public void TryParse_TrailingSingleByte_Ignored()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsVendorEncapsulatedOptions.TryParse(Convert.FromHexString("C803616263C8"), 200, 201, out var options), Is.True);
            Assert.That(options!.Endpoint, Is.EqualTo("abc"));
        });
    }

    [Test]
    public void TryParse_OnlyEndpoint_OthersAbsent()
    {
        Assert.That(DpsVendorEncapsulatedOptions.TryParse(Convert.FromHexString("C803616263"), 200, 201, out var options), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(options!.CertificateFingerprint, Is.Null);
            Assert.That(options.HashName, Is.Null);
        });
    }

    [Test]
    public void TryParse_CustomCodes_Used()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DpsVendorEncapsulatedOptions.TryParse(Convert.FromHexString("64016A"), 100, 101, out var options), Is.True);
            Assert.That(options!.Endpoint, Is.EqualTo("j"));
            Assert.That(DpsVendorEncapsulatedOptions.TryParse(Convert.FromHexString("C8016A"), 100, 101, out _), Is.False);
        });
    }

    [Test]
    public void SetValues_Example_NeedReprovisionThenNotChanged()
    {
        var state = new DpsClientState();
        var bytes = ExampleBytes();
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, bytes), Is.EqualTo(DpsDhcpSetValuesResult.NeedReprovision));
            Assert.That(state.Endpoints.Selected?.Uri, Is.EqualTo(Endpoint));
            Assert.That(state.CertificateFingerprint,
                Is.EqualTo(DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, ExampleDigest)));
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, bytes), Is.EqualTo(DpsDhcpSetValuesResult.NotChanged));
        });
    }

    [Test]
    public void SetValues_EndpointChange_ReplacesListWithSingleUri()
    {
        var state = new DpsClientState { Status = DpsStatus.Initialized | DpsStatus.ProvisionedMask };
        state.Endpoints.Add("coaps+tcp://old:1", "old");
        state.Endpoints.Add("coaps+tcp://old:2");
        var result = DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, ExampleBytes());
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(DpsDhcpSetValuesResult.NeedReprovision));
            Assert.That(state.Endpoints.ToList(), Is.EqualTo(new[] { new DpsEndpoint(Endpoint) }));
        });
    }

    [Test]
    public void SetValues_FingerprintChangeOnProvisionedDevice_Updated()
    {
        var state = new DpsClientState();
        DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, ExampleBytes());
        state.Status = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;
        var changed = ExampleBytes();
        changed[40] ^= 0xFF;
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, changed), Is.EqualTo(DpsDhcpSetValuesResult.Updated));
            Assert.That(state.CertificateFingerprint!.Digest.ToArray(), Is.EqualTo(changed[32..64]));
        });
    }

    [Test]
    public void SetValues_FingerprintChangeOnUnprovisionedDevice_NeedReprovision()
    {
        var state = new DpsClientState();
        DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, ExampleBytes());
        var changed = ExampleBytes();
        changed[40] ^= 0xFF;
        Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, changed), Is.EqualTo(DpsDhcpSetValuesResult.NeedReprovision));
    }

    [Test]
    public void SetValues_Truncated_ErrorAndNothingChanged()
    {
        var state = new DpsClientState();
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, ExampleBytes().AsSpan(0, 60)), Is.EqualTo(DpsDhcpSetValuesResult.Error));
            Assert.That(state.Endpoints.IsEmpty, Is.True);
        });
    }

    [Test]
    public void SetValues_UnknownHashName_Error()
    {
        var bytes = ExampleBytes();
        Encoding.ASCII.GetBytes("SHA999").CopyTo(bytes, 66);
        var state = new DpsClientState();
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, bytes), Is.EqualTo(DpsDhcpSetValuesResult.Error));
            Assert.That(state.CertificateFingerprint, Is.Null);
        });
    }

    [Test]
    public void SetValues_Sha384NotAllowedByDefault_Error()
    {
        var payload = Convert.FromHexString("C803616263" + "C930" + new string('1', 96) + "CA06" + Convert.ToHexString("SHA384"u8));
        var state = new DpsClientState();
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, payload), Is.EqualTo(DpsDhcpSetValuesResult.Error));
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, payload, allowedAlgorithms:
                [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384]), Is.EqualTo(DpsDhcpSetValuesResult.NeedReprovision));
        });
    }

    [Test]
    public void SetValues_DigestLengthMismatch_Error()
    {
        var payload = Convert.FromHexString("C803616263" + "C910" + new string('1', 32) + "CA06" + Convert.ToHexString("SHA256"u8));
        Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(new DpsClientState(), payload), Is.EqualTo(DpsDhcpSetValuesResult.Error));
    }

    [Test]
    public void SetValues_FingerprintWithoutHashName_StoredButNotUsable()
    {
        var payload = Convert.FromHexString("C803616263" + "C904" + "01020304");
        var state = new DpsClientState();
        Assert.Multiple(() =>
        {
            Assert.That(DpsDhcp.SetValuesFromVendorEncapsulatedOptions(state, payload), Is.EqualTo(DpsDhcpSetValuesResult.NeedReprovision));
            Assert.That(state.CertificateFingerprint!.IsUsable, Is.False);
            Assert.That(state.CertificateFingerprint.Digest.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
        });
    }
}
