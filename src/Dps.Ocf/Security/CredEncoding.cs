namespace Dps.Ocf.Security;

/// <summary>The <c>encoding</c> of credential public or private data.</summary>
public enum CredEncoding
{
    /// <summary><c>oic.sec.encoding.raw</c>: bytes as they are (keys, DER).</summary>
    Raw = 0,

    /// <summary><c>oic.sec.encoding.pem</c>: PEM text.</summary>
    Pem,

    /// <summary><c>oic.sec.encoding.base64</c>: base64 text of the bytes.</summary>
    Base64,

    /// <summary><c>oic.sec.encoding.handle</c>: a key handle; rejected by updates.</summary>
    Handle,
}
