namespace Dps.Coap.Internal;

/// <summary>The freshness rule of RFC 7641 §3.4 for 24-bit Observe sequence numbers.</summary>
internal static class ObserveSequence
{
    public const uint Mask = 0xFFFFFF;

    private const uint Half = 1u << 23;

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(128);

    /// <summary>True when (<paramref name="v2"/>, <paramref name="t2"/>) is newer than (<paramref name="v1"/>, <paramref name="t1"/>).</summary>
    public static bool IsNewer(uint v1, DateTimeOffset t1, uint v2, DateTimeOffset t2) =>
        (v1 < v2 && v2 - v1 < Half) || (v1 > v2 && v1 - v2 > Half) || t2 > t1 + MaxAge;
}
