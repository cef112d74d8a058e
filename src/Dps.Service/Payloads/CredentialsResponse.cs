using System.Formats.Cbor;
using System.Text;
using Dps.Service.Identity;

namespace Dps.Service.Payloads;

/// <summary>
/// The <c>2.04</c> body of <c>POST /api/v1/provisioning/credentials</c> (PROTOCOL §2.7):
/// <c>{"creds":[psk?, identity certificate, trust CA]}</c>, every credential tagged <c>"dps"</c>,
/// no <c>rowneruuid</c>, no <c>credid</c>.
/// </summary>
/// <param name="OwnerUuid">Subject of the PSK and trust-CA credentials.</param>
/// <param name="DeviceId">Subject of the identity credential (the UUID from the signed CN).</param>
/// <param name="IdentityChainPem">Leaf and intermediates, PEM-concatenated.</param>
/// <param name="TrustCaPem">The root of the signed chain, PEM.</param>
/// <param name="PreSharedKey">The group PSK (only the first 16 bytes are sent), or null.</param>
internal sealed record CredentialsResponse(
    Guid OwnerUuid,
    string DeviceId,
    string IdentityChainPem,
    string TrustCaPem,
    ReadOnlyMemory<byte>? PreSharedKey)
{
    /// <summary>Length of the PSK the device receives.</summary>
    public const int PreSharedKeyLength = 16;

    /// <summary>
    /// Splits a signed chain (leaf first, root last; one PEM block per entry) into the identity
    /// credential (all but the last) and the trust CA (the last).
    /// </summary>
    public static CredentialsResponse FromChain(Guid ownerUuid, string deviceId, IReadOnlyList<string> chainPem, ReadOnlyMemory<byte>? preSharedKey)
    {
        ArgumentNullException.ThrowIfNull(chainPem);
        if (chainPem.Count < 2)
        {
            throw new ArgumentException("The signed chain must hold the leaf and its root.", nameof(chainPem));
        }

        var identity = new StringBuilder();
        for (var i = 0; i < chainPem.Count - 1; i++)
        {
            identity.Append(WithNewline(chainPem[i]));
        }

        return new CredentialsResponse(ownerUuid, deviceId, identity.ToString(), WithNewline(chainPem[^1]), preSharedKey);
    }

    /// <summary>Encodes the body.</summary>
    public byte[] Encode()
    {
        var writer = CborPayload.CreateWriter();
        writer.WriteStartMap(1);
        writer.WriteTextString("creds");
        writer.WriteStartArray(PreSharedKey is null ? 2 : 3);
        var owner = DeviceUuid.Format(OwnerUuid);
        if (PreSharedKey is { } psk)
        {
            if (psk.Length < PreSharedKeyLength)
            {
                throw new InvalidOperationException($"The pre-shared key must have at least {PreSharedKeyLength} bytes.");
            }

            writer.WriteStartMap(4);
            writer.WriteTextString("credtype");
            writer.WriteInt32(1);
            CborPayload.WriteText(writer, "subjectuuid", owner);
            writer.WriteTextString("privatedata");
            writer.WriteStartMap(2);
            writer.WriteTextString("data");
            writer.WriteByteString(psk.Span[..PreSharedKeyLength]);
            CborPayload.WriteText(writer, "encoding", "oic.sec.encoding.raw");
            writer.WriteEndMap();
            CborPayload.WriteText(writer, "tag", "dps");
            writer.WriteEndMap();
        }

        WriteCertificate(writer, DeviceId, "oic.sec.cred.cert", IdentityChainPem);
        WriteCertificate(writer, owner, "oic.sec.cred.trustca", TrustCaPem);
        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void WriteCertificate(CborWriter writer, string subject, string usage, string pem)
    {
        writer.WriteStartMap(5);
        writer.WriteTextString("credtype");
        writer.WriteInt32(8);
        CborPayload.WriteText(writer, "subjectuuid", subject);
        CborPayload.WriteText(writer, "credusage", usage);
        writer.WriteTextString("publicdata");
        writer.WriteStartMap(2);
        CborPayload.WriteText(writer, "data", pem);
        CborPayload.WriteText(writer, "encoding", "oic.sec.encoding.pem");
        writer.WriteEndMap();
        CborPayload.WriteText(writer, "tag", "dps");
        writer.WriteEndMap();
    }

    private static string WithNewline(string pem) => pem.EndsWith('\n') ? pem : pem + "\n";
}
