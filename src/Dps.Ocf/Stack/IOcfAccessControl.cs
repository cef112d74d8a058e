namespace Dps.Ocf;

/// <summary>
/// Decides whether an incoming request may reach its resource. The stack asks before calling a
/// handler and before listing a resource in a batch; it runs on the device's executor.
/// </summary>
public interface IOcfAccessControl
{
    /// <summary>Allow, or deny with 4.01/4.03.</summary>
    /// <param name="request">The request (resource, method, interface, peer identity and connection type).</param>
    OcfAccessOutcome Decide(OcfRequest request);
}
