namespace Dps.Client;

/// <summary>The OCF interfaces of the <c>/plgd/dps</c> resource.</summary>
public enum DpsResourceInterface
{
    /// <summary><c>oic.if.baseline</c> (default): <c>rt</c>, <c>if</c>, (<c>n</c>) and all properties.</summary>
    Baseline,

    /// <summary><c>oic.if.r</c>: all properties.</summary>
    ReadOnly,

    /// <summary><c>oic.if.rw</c>: the writable properties only.</summary>
    ReadWrite,
}
