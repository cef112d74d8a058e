namespace Dps.Service.Payloads;

/// <summary>Body of <c>POST /api/v1/provisioning/credentials</c> (PROTOCOL §2.7).</summary>
/// <param name="DeviceId">The <c>di</c> property (ignored by the server), or null when absent.</param>
/// <param name="CsrPem">The certificate signing request as PEM (DER input is converted).</param>
/// <param name="SelectedGateway">The gateway whose hub CA should sign, or null when absent.</param>
internal sealed record CredentialsRequest(string? DeviceId, string CsrPem, GatewayReference? SelectedGateway)
{
    /// <summary>The PEM encoding name.</summary>
    public const string PemEncoding = "oic.sec.encoding.pem";

    /// <summary>The DER encoding name.</summary>
    public const string DerEncoding = "oic.sec.encoding.der";

    /// <summary>Parses the body; <c>csr.data</c> is required, <c>csr.encoding</c> must be PEM (default) or DER.</summary>
    /// <exception cref="PayloadFormatException">The body is not a CBOR map of the expected shape.</exception>
    public static CredentialsRequest Parse(ReadOnlyMemory<byte> payload) =>
        CborPayload.Read(payload, "credentials request", reader =>
        {
            string? di = null;
            GatewayReference? selected = null;
            string? csr = null;
            CborPayload.ReadMap(reader, "credentials request", key =>
            {
                switch (key)
                {
                    case "di":
                        di = CborPayload.ReadText(reader, "di");
                        break;
                    case "selectedGateway":
                        selected = GatewayReference.Read(reader, "selectedGateway");
                        break;
                    case "csr":
                        csr = ReadCsr(reader);
                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            });
            if (csr is null)
            {
                throw new PayloadFormatException("credentials request: csr is missing");
            }

            return new CredentialsRequest(di, csr, selected);
        });

    private static string ReadCsr(System.Formats.Cbor.CborReader reader)
    {
        byte[]? data = null;
        var encoding = PemEncoding;
        CborPayload.ReadMap(reader, "csr", key =>
        {
            switch (key)
            {
                case "data":
                    data = CborPayload.ReadBytesOrText(reader, "csr.data");
                    break;
                case "encoding":
                    encoding = CborPayload.ReadText(reader, "csr.encoding");
                    break;
                default:
                    reader.SkipValue();
                    break;
            }
        });
        if (data is null || data.Length == 0)
        {
            throw new PayloadFormatException("credentials request: csr.data is missing");
        }

        switch (encoding)
        {
            case PemEncoding:
                try
                {
                    return new System.Text.UTF8Encoding(false, true).GetString(data).TrimEnd('\0');
                }
                catch (System.Text.DecoderFallbackException ex)
                {
                    throw new PayloadFormatException("credentials request: csr.data is not PEM text", ex);
                }

            case DerEncoding:
                return new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE REQUEST", data)) + "\n";
            default:
                throw new PayloadFormatException($"credentials request: unsupported csr.encoding '{encoding}'");
        }
    }
}
