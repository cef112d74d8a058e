namespace Dps.Ocf;

/// <summary>OCF interface names (the <c>if</c> property and the <c>if=</c> query).</summary>
public static class OcfInterfaces
{
    /// <summary><c>oic.if.baseline</c>: every property, including <c>rt</c>, <c>if</c> and <c>n</c>.</summary>
    public const string Baseline = "oic.if.baseline";

    /// <summary><c>oic.if.ll</c>: the links of a collection or of <c>/oic/res</c>.</summary>
    public const string LinkList = "oic.if.ll";

    /// <summary><c>oic.if.b</c>: batch, the representations of the linked resources.</summary>
    public const string Batch = "oic.if.b";

    /// <summary><c>oic.if.r</c>: read-only.</summary>
    public const string ReadOnly = "oic.if.r";

    /// <summary><c>oic.if.rw</c>: read-write.</summary>
    public const string ReadWrite = "oic.if.rw";

    /// <summary><c>oic.if.a</c>: actuator.</summary>
    public const string Actuator = "oic.if.a";

    /// <summary><c>oic.if.s</c>: sensor.</summary>
    public const string Sensor = "oic.if.s";

    /// <summary><c>oic.if.create</c>: create links in a collection.</summary>
    public const string Create = "oic.if.create";
}
