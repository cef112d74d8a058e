using Dps.Coap;
using Dps.Ocf.Stack;

namespace Dps.Ocf;

public sealed partial class OcfDevice
{
    /// <summary>
    /// On the executor: rebuilds the representation for every observer of <paramref name="resource"/>
    /// and sends it; batch observers of <c>/oic/res</c> and of collections linking the resource get a
    /// batch holding just that resource.
    /// </summary>
    private async ValueTask NotifyAsync(OcfResource resource)
    {
        foreach (var observer in Snapshot(resource))
        {
            var request = observer.Request;
            if (resource.GetHandler is not { } handler)
            {
                continue;
            }

            var response = await InvokeHandlerAsync(handler, request, CancellationToken.None).ConfigureAwait(false);
            Send(observer, response);
        }

        if (!ReferenceEquals(resource, Discovery) && resource.IsDiscoverable && ReferenceEquals(resource.Device, this))
        {
            await NotifyBatchObserversAsync(Discovery, resource, absoluteHref: true).ConfigureAwait(false);
        }

        foreach (var parent in resource.Parents)
        {
            if (ReferenceEquals(parent.Device, this))
            {
                await NotifyBatchObserversAsync(parent, resource, absoluteHref: false).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask NotifyBatchObserversAsync(OcfResource batchResource, OcfResource member, bool absoluteHref)
    {
        foreach (var observer in Snapshot(batchResource))
        {
            var request = observer.Request;
            if (!string.Equals(request.Interface, OcfInterfaces.Batch, StringComparison.Ordinal)
                || (absoluteHref && !MatchesAny(member, request.GetQueryParameters("rt"))))
            {
                continue;
            }

            var response = await BuildBatchAsync(request, [member], absoluteHref, CancellationToken.None).ConfigureAwait(false);
            if (response.Payload.Length > 1)
            {
                Send(observer, response);
            }
        }
    }

    /// <summary>The live observers of <paramref name="resource"/>; ended ones are dropped.</summary>
    private static ResourceObserver[] Snapshot(OcfResource resource)
    {
        resource.Observers.RemoveAll(o => !o.Observer.IsActive);
        return [.. resource.Observers];
    }

    private void Send(ResourceObserver observer, OcfResponse response)
    {
        var message = ToCoap(new CoapMessageBuilder(response.Code), response, observer.VersionOption, observer.ContentFormat);
        _ = SendInBackgroundAsync(observer, message);
    }

    private async Task SendInBackgroundAsync(ResourceObserver observer, CoapMessage message)
    {
        DeviceExecutor.Leave();
        try
        {
            await observer.Observer.NotifyAsync(message).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            StackLog.NotificationFailed(_logger, Index, observer.Request.Resource.Uri, ex.Message);
        }
        catch (CoapConnectionException ex)
        {
            StackLog.NotificationFailed(_logger, Index, observer.Request.Resource.Uri, ex.Message);
        }
        catch (Exception ex)
        {
            // A background send is a loop boundary: log, never leave an unobserved exception.
            StackLog.NotificationError(_logger, Index, observer.Request.Resource.Uri, ex);
        }
    }

    private static async Task EndObserverAsync(ResourceObserver observer)
    {
        DeviceExecutor.Leave();
        try
        {
            await observer.Observer.NotifyAsync(new CoapMessageBuilder(CoapCode.NotFound).Build()).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already ended.
        }
        catch (CoapConnectionException)
        {
            // The connection is gone; nothing to tell.
        }
    }
}
