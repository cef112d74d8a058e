namespace Dps.Ocf.Security;

/// <summary>The wire strings of credential usages, encodings and connection types.</summary>
public static class OcfSecurityNames
{
    /// <summary>The tag the DPS puts on credentials and ACEs it provisions.</summary>
    public const string DpsTag = "dps";

    /// <summary>The tag DPS entries carry while a new set is being applied.</summary>
    public const string DpsStaleTag = "dps-stale";

    /// <summary>The wire string of a credential usage (empty for <see cref="CredUsage.None"/>).</summary>
    public static string ToWireString(CredUsage usage) => usage switch
    {
        CredUsage.TrustCa => "oic.sec.cred.trustca",
        CredUsage.Cert => "oic.sec.cred.cert",
        CredUsage.RoleCert => "oic.sec.cred.rolecert",
        CredUsage.MfgTrustCa => "oic.sec.cred.mfgtrustca",
        CredUsage.MfgCert => "oic.sec.cred.mfgcert",
        _ => string.Empty,
    };

    /// <summary>Parses a credential usage wire string.</summary>
    public static bool TryParseCredUsage(string? text, out CredUsage usage)
    {
        usage = text switch
        {
            "oic.sec.cred.trustca" => CredUsage.TrustCa,
            "oic.sec.cred.cert" => CredUsage.Cert,
            "oic.sec.cred.rolecert" => CredUsage.RoleCert,
            "oic.sec.cred.mfgtrustca" => CredUsage.MfgTrustCa,
            "oic.sec.cred.mfgcert" => CredUsage.MfgCert,
            _ => CredUsage.None,
        };
        return usage != CredUsage.None;
    }

    /// <summary>The wire string of a data encoding.</summary>
    public static string ToWireString(CredEncoding encoding) => encoding switch
    {
        CredEncoding.Pem => "oic.sec.encoding.pem",
        CredEncoding.Base64 => "oic.sec.encoding.base64",
        CredEncoding.Handle => "oic.sec.encoding.handle",
        _ => "oic.sec.encoding.raw",
    };

    /// <summary>Parses a data encoding wire string (DER is not supported, as in iotivity).</summary>
    public static bool TryParseCredEncoding(string? text, out CredEncoding encoding)
    {
        switch (text)
        {
            case "oic.sec.encoding.raw":
                encoding = CredEncoding.Raw;
                return true;
            case "oic.sec.encoding.pem":
                encoding = CredEncoding.Pem;
                return true;
            case "oic.sec.encoding.base64":
                encoding = CredEncoding.Base64;
                return true;
            case "oic.sec.encoding.handle":
                encoding = CredEncoding.Handle;
                return true;
            default:
                encoding = CredEncoding.Raw;
                return false;
        }
    }

    /// <summary>The wire string of a connection type.</summary>
    public static string ToWireString(AceConnectionType connectionType) =>
        connectionType == AceConnectionType.AuthCrypt ? "auth-crypt" : "anon-clear";

    /// <summary>Parses <c>auth-crypt</c> or <c>anon-clear</c>.</summary>
    public static bool TryParseConnectionType(string? text, out AceConnectionType connectionType)
    {
        connectionType = text == "auth-crypt" ? AceConnectionType.AuthCrypt : AceConnectionType.AnonClear;
        return text is "auth-crypt" or "anon-clear";
    }
}
