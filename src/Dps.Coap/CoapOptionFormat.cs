namespace Dps.Coap;

/// <summary>The value format of an option (RFC 7252 §3.2).</summary>
public enum CoapOptionFormat
{
    /// <summary>Zero-length value.</summary>
    Empty,

    /// <summary>Opaque bytes.</summary>
    Opaque,

    /// <summary>Unsigned integer in network byte order, no leading zero bytes.</summary>
    UInt,

    /// <summary>UTF-8 text.</summary>
    String,
}
