namespace Dps.Ocf;

/// <summary>Resource types of the core resources.</summary>
public static class OcfResourceTypes
{
    /// <summary><c>oic.wk.res</c> (<c>/oic/res</c>).</summary>
    public const string Discovery = "oic.wk.res";

    /// <summary><c>oic.wk.d</c> (<c>/oic/d</c>).</summary>
    public const string Device = "oic.wk.d";

    /// <summary><c>oic.wk.p</c> (<c>/oic/p</c>).</summary>
    public const string Platform = "oic.wk.p";

    /// <summary><c>oic.wk.col</c>: a collection.</summary>
    public const string Collection = "oic.wk.col";

    /// <summary><c>x.plgd.dev.time</c> (<c>/x.plgd.dev/time</c>).</summary>
    public const string PlgdTime = "x.plgd.dev.time";

    /// <summary><c>oic.d.cloudDevice</c>: the example device's type.</summary>
    public const string CloudDevice = "oic.d.cloudDevice";
}
