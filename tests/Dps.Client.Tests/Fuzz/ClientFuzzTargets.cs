using System.Formats.Cbor;
using System.Text;
using Dps.Fuzz;

namespace Dps.Client.Tests.Fuzz;

/// <summary>The Dps.Client parsers that take bytes from a peer, a DHCP lease file or the store.</summary>
internal static partial class ClientFuzzTargets
{
    private const string Primary = "coaps+tcp://dps.example.com:15684";
    private const string Secondary = "coaps+tcp://dps2.example.com:15684";

    // PROTOCOL.md §5 worked example: C8 1C <endpoint> C9 20 <SHA-256 digest> CA 06 "SHA256".
    private const string ExampleHex =
        "c8:1c:63:6f:61:70:73:2b:74:63:70:3a:2f:2f:70:6c:67:64:2e:63:6c:6f:75:64:3a:32:36:36:38:34:" +
        "c9:20:a1:e1:c3:4c:3e:3:17:8d:e4:77:79:f9:92:28:7d:fe:b4:b7:70:2f:80:ee:d9:15:dd:ec:d6:54:e4:c6:4f:e2:" +
        "ca:6:53:48:41:32:35:36";

    private const string Leases = """
        lease {
          interface "eth0";
          fixed-address 192.168.1.20;
          option vendor-encapsulated-options c8:3:61:62:63;
          renew 4 2026/11/19 10:00:00;
        }
        lease {
          interface "eth0";
          option vendor-encapsulated-options "c8:3:78:79:7a";
          option vendor-encapsulated-options zz:01;
        }

        """;

    public static IEnumerable<FuzzTarget> All()
    {
        var dps = typeof(DpsFormatException);
        var storeSeeds = Seeds(
            new DpsStoreData().Encode(),
            Cbor(w =>
            {
                w.WriteStartMap(null);
                w.WriteTextString("future");
                w.WriteStartArray(null);
                w.WriteInt32(1);
                w.WriteEndArray();
                w.WriteTextString("ep");
                w.WriteTextString(Secondary);
                w.WriteTextString("epname");
                w.WriteTextString("secondary");
                w.WriteTextString("eps");
                w.WriteStartArray(2);
                WriteEndpoint(w, Primary, "primary");
                WriteEndpoint(w, Secondary, string.Empty);
                w.WriteEndArray();
                w.WriteTextString("owner");
                w.WriteTextString("b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51");
                w.WriteTextString("hasBeenProvisionedSinceReset");
                w.WriteBoolean(true);
                w.WriteEndMap();
            }));
        yield return new FuzzTarget("DpsStoreData.Decode", FuzzInputKind.Cbor, storeSeeds, input => DpsStoreData.Decode(input), dps);

        var postSeeds = Seeds(
            Cbor(w =>
            {
                w.WriteStartMap(null);
                w.WriteTextString("endpoint");
                w.WriteTextString(Primary);
                w.WriteTextString("endpointName");
                w.WriteTextString("primary");
                w.WriteTextString("endpoints");
                w.WriteStartArray(null);
                WriteEndpoint(w, Secondary, "secondary");
                w.WriteEndArray();
                w.WriteEndMap();
            }),
            Cbor(w =>
            {
                w.WriteStartMap(1);
                w.WriteTextString("forceReprovision");
                w.WriteBoolean(true);
                w.WriteEndMap();
            }),
            Cbor(w =>
            {
                w.WriteStartMap(1);
                w.WriteTextString("endpoint");
                w.WriteTextString(string.Empty);
                w.WriteEndMap();
            }));
        yield return new FuzzTarget("DpsConfigurationResource.ParseUpdate", FuzzInputKind.Cbor, postSeeds, input => DpsConfigurationResource.ParseUpdate(input), dps);
        yield return new FuzzTarget("DpsConfigurationResource.ApplyPost", FuzzInputKind.Cbor, postSeeds, input =>
        {
            var result = DpsConfigurationResource.ApplyPost(new DpsClientState(), input);
            if (result.Code != Dps.Coap.CoapCode.Changed && result.Code != Dps.Coap.CoapCode.BadRequest)
            {
                throw new FuzzCheckException($"ApplyPost answered {result.Code}");
            }
        });

        var hexSeeds = Seeds(
            Encoding.ASCII.GetBytes(ExampleHex),
            Encoding.ASCII.GetBytes("c8:3:61:62:63"),
            Encoding.ASCII.GetBytes("C803616263C9200102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20"));
        yield return new FuzzTarget("DpsDhcp.HexStringToBytes", FuzzInputKind.Text, hexSeeds, input =>
        {
            var text = Encoding.UTF8.GetString(input);
            var needed = DpsDhcp.GetHexStringByteCount(text);
            if (needed > text.Length)
            {
                throw new FuzzCheckException($"{needed} bytes claimed for {text.Length} characters");
            }

            var buffer = new byte[Math.Max(needed, 0)];
            var written = DpsDhcp.HexStringToBytes(text, buffer);
            if (written != needed)
            {
                throw new FuzzCheckException($"sized {needed} bytes, then converted {written}");
            }

            _ = DpsDhcp.HexStringToBytes(text, new byte[needed / 2]);
        });

        var optionSeeds = Seeds(
            HexToBytes(ExampleHex),
            Convert.FromHexString("C803616263"),
            Convert.FromHexString("C803616263C930" + new string('1', 96) + "CA06" + Convert.ToHexString("SHA384"u8)),
            Convert.FromHexString("C803616263C910" + new string('1', 32) + "CA06" + Convert.ToHexString("SHA256"u8)));
        yield return new FuzzTarget("DpsVendorEncapsulatedOptions.TryParse", FuzzInputKind.Binary, optionSeeds, input =>
        {
            _ = DpsVendorEncapsulatedOptions.TryParse(input, 200, 201, out var options);
            _ = options?.HashName;
        });
        yield return new FuzzTarget("DpsDhcp.SetValuesFromVendorEncapsulatedOptions", FuzzInputKind.Binary, optionSeeds, input =>
        {
            _ = DpsDhcp.SetValuesFromVendorEncapsulatedOptions(new DpsClientState(), input);
        });

        var leaseSeeds = Seeds(
            Encoding.UTF8.GetBytes(Leases),
            Encoding.UTF8.GetBytes("lease {\n  option vendor-encapsulated-options " + ExampleHex + ";\n}\n"));
        yield return new FuzzTarget("DhcpLeasesFile.ReadVendorEncapsulatedOptions", FuzzInputKind.Text, leaseSeeds, input =>
        {
            var bytes = DhcpLeasesFile.ReadVendorEncapsulatedOptions(Encoding.UTF8.GetString(input));
            if (bytes is { Length: > DpsDhcp.MaxVendorEncapsulatedOptionsLength })
            {
                throw new FuzzCheckException($"{bytes.Length} option bytes exceed the limit");
            }
        });

        foreach (var target in ResponseTargets())
        {
            yield return target;
        }
    }

    private static byte[][] Seeds(params byte[][] seeds) => seeds;

    private static byte[] HexToBytes(string hex)
    {
        var buffer = new byte[DpsDhcp.GetHexStringByteCount(hex)];
        DpsDhcp.HexStringToBytes(hex, buffer);
        return buffer;
    }

    private static byte[] Cbor(Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        write(writer);
        return writer.Encode();
    }

    private static void WriteEndpoint(CborWriter writer, string uri, string name)
    {
        writer.WriteStartMap(2);
        writer.WriteTextString("uri");
        writer.WriteTextString(uri);
        writer.WriteTextString("name");
        writer.WriteTextString(name);
        writer.WriteEndMap();
    }
}
