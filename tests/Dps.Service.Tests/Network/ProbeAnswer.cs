using Dps.Coap;
using Dps.Testing;

namespace Dps.Service.Tests.Network;

/// <summary>Device-side handlers for what the service asks a device.</summary>
internal static class ProbeAnswer
{
    /// <summary>Answers everything 4.04 (a device without the asked resource; the service must carry on).</summary>
    public static DelegateCoapHandler NotFound { get; } = new(context => CoapMessage.ResponseTo(context.Request, CoapCode.NotFound).Build());
}
