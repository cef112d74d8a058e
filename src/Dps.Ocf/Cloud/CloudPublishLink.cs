namespace Dps.Ocf.Cloud;

/// <summary>
/// One resource the cloud manager publishes to the hub with <c>POST /oic/rd</c> (PROTOCOL §7.9).
/// </summary>
/// <param name="Href">The resource path, e.g. <c>/oic/p</c>.</param>
/// <param name="ResourceTypes">Its resource types (<c>rt</c>).</param>
/// <param name="Interfaces">Its interfaces (<c>if</c>).</param>
/// <param name="Policy">
/// Its policy bits (iotivity values: 1 discoverable, 2 observable, 16 secure, 64 periodic); the
/// published <c>p.bm</c> leaves out "secure" and "periodic".
/// </param>
public sealed record CloudPublishLink(string Href, IReadOnlyList<string> ResourceTypes, IReadOnlyList<string> Interfaces, int Policy)
{
    /// <summary>Policy bit "discoverable".</summary>
    public const int Discoverable = 1 << 0;

    /// <summary>Policy bit "observable".</summary>
    public const int Observable = 1 << 1;

    /// <summary>Policy bit "secure" (not published).</summary>
    public const int Secure = 1 << 4;

    /// <summary>Policy bit "periodic" (not published).</summary>
    public const int Periodic = 1 << 6;

    /// <summary>The <c>p.bm</c> value sent to the hub.</summary>
    public int PublishedBitmap => Policy & ~(Secure | Periodic);
}
