namespace Dps.Coap;

/// <summary>Content-Format identifiers (RFC 7252 §12.3 and the OCF registration).</summary>
public static class CoapContentFormat
{
    /// <summary>text/plain; charset=utf-8.</summary>
    public const ushort TextPlain = 0;

    /// <summary>application/link-format.</summary>
    public const ushort LinkFormat = 40;

    /// <summary>application/xml.</summary>
    public const ushort Xml = 41;

    /// <summary>application/octet-stream.</summary>
    public const ushort OctetStream = 42;

    /// <summary>application/exi.</summary>
    public const ushort Exi = 47;

    /// <summary>application/json.</summary>
    public const ushort Json = 50;

    /// <summary>application/cbor.</summary>
    public const ushort Cbor = 60;

    /// <summary>application/vnd.ocf+cbor.</summary>
    public const ushort OcfCbor = 10000;

    /// <summary>True for the formats that carry CBOR (60 and 10000).</summary>
    public static bool IsCbor(int contentFormat) => contentFormat is Cbor or OcfCbor;
}
