using System.Formats.Cbor;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Cloud;

namespace Dps.Client.Steps;

/// <summary>
/// The requests of the provisioning steps, shaped as the C device sends them (PROTOCOL.md §1.5, §2.4–§2.8):
/// Accept 10000 with option 2049 = 2048; bodies with Content-Format 10000 and option 2053 = 2048, CBOR
/// with indefinite-length maps.
/// </summary>
internal static class DpsRequests
{
    public const string TimePath = "/x.plgd.dev/time";
    public const string OwnershipPath = "/api/v1/provisioning/ownership";
    public const string CloudConfigurationPath = "/api/v1/provisioning/cloud-configuration";
    public const string CredentialsPath = "/api/v1/provisioning/credentials";
    public const string AclsPath = "/api/v1/provisioning/acls";

    /// <summary>OCF 1.0.0 content-format version.</summary>
    public const uint OcfVersion = 2048;

    /// <summary>The PEM CSR encoding name.</summary>
    public const string PemEncoding = "oic.sec.encoding.pem";

    public static string GetPath(DpsStatus step) => step switch
    {
        DpsStatus.GetTime => TimePath,
        DpsStatus.GetOwner => OwnershipPath,
        DpsStatus.GetCloud => CloudConfigurationPath,
        DpsStatus.GetCredentials => CredentialsPath,
        DpsStatus.GetAcls => AclsPath,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a provisioning step."),
    };

    public static CoapMessage Get(string path) =>
        CoapMessage.Request(CoapCode.Get, path)
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, OcfVersion)
            .Build();

    public static CoapMessage Post(string path, byte[] body) =>
        CoapMessage.Request(CoapCode.Post, path)
            .SetAccept(CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfAcceptContentFormatVersion, OcfVersion)
            .SetPayload(body, CoapContentFormat.OcfCbor)
            .SetOption(CoapOptionNumber.OcfContentFormatVersion, OcfVersion)
            .Build();

    /// <summary><c>{di, selectedGateway: {uri, id}}</c>; <c>selectedGateway</c> omitted when none is selected.</summary>
    public static byte[] EncodeCloudConfigurationBody(OcfUuid deviceId, CloudServer? selected)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartMap(null);
        writer.WriteTextString("di");
        writer.WriteTextString(deviceId.ToString());
        if (selected is not null && !string.IsNullOrEmpty(selected.Uri))
        {
            writer.WriteTextString("selectedGateway");
            writer.WriteStartMap(null);
            writer.WriteTextString("uri");
            writer.WriteTextString(selected.Uri);
            writer.WriteTextString("id");
            writer.WriteTextString(selected.Id.ToString());
            writer.WriteEndMap();
        }
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary><c>{di, csr: {data: PEM, encoding: "oic.sec.encoding.pem"}}</c>.</summary>
    public static byte[] EncodeCredentialsBody(OcfUuid deviceId, string csrPem)
    {
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        writer.WriteStartMap(null);
        writer.WriteTextString("di");
        writer.WriteTextString(deviceId.ToString());
        writer.WriteTextString("csr");
        writer.WriteStartMap(null);
        writer.WriteTextString("data");
        writer.WriteTextString(csrPem);
        writer.WriteTextString("encoding");
        writer.WriteTextString(PemEncoding);
        writer.WriteEndMap();
        writer.WriteEndMap();
        return writer.Encode();
    }
}
