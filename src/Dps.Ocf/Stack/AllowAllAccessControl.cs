namespace Dps.Ocf.Stack;

/// <summary>The default access control: everything is allowed.</summary>
internal sealed class AllowAllAccessControl : IOcfAccessControl
{
    public static readonly AllowAllAccessControl Instance = new();

    public OcfAccessOutcome Decide(OcfRequest request) => OcfAccessOutcome.Allow;
}
