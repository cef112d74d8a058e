using Dps.Coap;

namespace Dps.Ocf.Stack;

/// <summary>An <see cref="ICoapHandler"/> bound to one device.</summary>
internal sealed class DeviceCoapHandler(OcfDevice device) : ICoapHandler
{
    public ValueTask<CoapMessage> HandleAsync(CoapRequestContext context, CancellationToken cancellationToken) =>
        device.HandleCoapAsync(context, cancellationToken);
}
