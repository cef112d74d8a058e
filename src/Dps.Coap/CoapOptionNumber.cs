namespace Dps.Coap;

/// <summary>
/// Option numbers of requests and responses (RFC 7252 §5.10, RFC 7641, RFC 7959, RFC 8613, OCF).
/// Signaling messages use their own numbering: see <see cref="CoapSignalingOption"/>.
/// </summary>
public static class CoapOptionNumber
{
#pragma warning disable CS1591 // Names are the RFCs'.
    public const ushort IfMatch = 1;
    public const ushort UriHost = 3;
    public const ushort ETag = 4;
    public const ushort IfNoneMatch = 5;
    public const ushort Observe = 6;
    public const ushort UriPort = 7;
    public const ushort LocationPath = 8;
    public const ushort Oscore = 9;
    public const ushort UriPath = 11;
    public const ushort ContentFormat = 12;
    public const ushort MaxAge = 14;
    public const ushort UriQuery = 15;
    public const ushort HopLimit = 16;
    public const ushort Accept = 17;
    public const ushort QBlock1 = 19;
    public const ushort LocationQuery = 20;
    public const ushort Block2 = 23;
    public const ushort Block1 = 27;
    public const ushort Size2 = 28;
    public const ushort QBlock2 = 31;
    public const ushort ProxyUri = 35;
    public const ushort ProxyScheme = 39;
    public const ushort Size1 = 60;
    public const ushort Echo = 252;
    public const ushort NoResponse = 258;
    public const ushort RequestTag = 292;

    /// <summary>OCF-Accept-Content-Format-Version (value 2048 = OCF 1.0.0).</summary>
    public const ushort OcfAcceptContentFormatVersion = 2049;

    /// <summary>OCF-Content-Format-Version (value 2048 = OCF 1.0.0).</summary>
    public const ushort OcfContentFormatVersion = 2053;
#pragma warning restore CS1591

    /// <summary>An option whose number is odd is critical: a receiver that does not know it must reject the message.</summary>
    public static bool IsCritical(int number) => (number & 1) != 0;

    /// <summary>Unsafe-to-forward bit (RFC 7252 §5.4.2).</summary>
    public static bool IsUnsafe(int number) => (number & 2) != 0;

    /// <summary>NoCacheKey bits (RFC 7252 §5.4.2).</summary>
    public static bool IsNoCacheKey(int number) => (number & 0x1E) == 0x1C;
}
