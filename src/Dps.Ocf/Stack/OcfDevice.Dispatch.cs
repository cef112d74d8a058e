using System.Formats.Cbor;
using Dps.Coap;
using Dps.Ocf.Stack;
using Dps.Security;

namespace Dps.Ocf;

public sealed partial class OcfDevice
{
    private const uint OcfVersion1 = 2048;

    /// <summary>Serves a CoAP request addressed to this device.</summary>
    internal async ValueTask<CoapMessage> HandleCoapAsync(CoapRequestContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        bool versioned = request.Options.Contains(CoapOptionNumber.OcfAcceptContentFormatVersion)
            || request.Options.Contains(CoapOptionNumber.OcfContentFormatVersion);
        ushort responseFormat = CoapContentFormat.OcfCbor;
        try
        {
            if (!request.Payload.IsEmpty && request.ContentFormat is { } format && !CoapContentFormat.IsCbor(format))
            {
                return Error(request, CoapCode.UnsupportedContentFormat);
            }

            if (request.Accept is { } accept)
            {
                if (!CoapContentFormat.IsCbor(accept))
                {
                    return Error(request, CoapCode.NotAcceptable);
                }

                responseFormat = (ushort)accept;
            }
        }
        catch (CoapFormatException)
        {
            return Error(request, CoapCode.BadOption);
        }

        var method = request.Code;
        if (method != CoapCode.Get && method != CoapCode.Post && method != CoapCode.Put && method != CoapCode.Delete)
        {
            return Error(request, CoapCode.MethodNotAllowed);
        }

        var certificate = context.RemoteCertificate;
        var connectionType = certificate is null ? OcfConnectionType.AnonClear : OcfConnectionType.AuthCrypt;
        Guid? peer = certificate is not null && OcfCertificates.TryGetDeviceId(certificate, out var id) ? id : null;

        CoapMessage outcome;
        try
        {
            outcome = await _executor.InvokeAsync(
                ct => DispatchAsync(context, peer, connectionType, versioned, responseFormat, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The stack is stopping.
            return Error(request, CoapCode.ServiceUnavailable);
        }

        StackLog.RequestServed(_logger, Index, method, request.UriPath, outcome.Code);
        return outcome;
    }

    /// <summary>
    /// Serves a request made inside the process (no connection; the peer counts as the device itself
    /// over <c>auth-crypt</c> unless given). Runs on the executor like a network request.
    /// </summary>
    internal Task<OcfResponse> HandleLocalAsync(
        CoapCode method,
        string pathAndQuery,
        ReadOnlyMemory<byte> payload = default,
        Guid? peer = null,
        OcfConnectionType connectionType = OcfConnectionType.AuthCrypt,
        CancellationToken cancellationToken = default)
    {
        int question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        string path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        string[] query = question < 0 ? [] : pathAndQuery[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries);
        return _executor.InvokeAsync(
            async ct =>
            {
                var (response, _) = await RouteAsync(method, path, query, payload, peer, connectionType, null, ct).ConfigureAwait(false);
                return response;
            },
            cancellationToken);
    }

    private async ValueTask<CoapMessage> DispatchAsync(
        CoapRequestContext context,
        Guid? peer,
        OcfConnectionType connectionType,
        bool versioned,
        ushort responseFormat,
        CancellationToken cancellationToken)
    {
        var coapRequest = context.Request;
        var (response, request) = await RouteAsync(
            coapRequest.Code, coapRequest.UriPath, coapRequest.UriQuery, coapRequest.Payload, peer, connectionType, context, cancellationToken)
            .ConfigureAwait(false);

        if (request is not null && response.Code.IsSuccess && coapRequest.Code == CoapCode.Get
            && context.IsObserveRegistration && request.Resource.IsObservable)
        {
            var observer = new ResourceObserver(context.AcceptObserve(), request, versioned, responseFormat);
            request.Resource.Observers.Add(observer);
            var resource = request.Resource;
            observer.Observer.Ended.Register(() => _executor.Post(() =>
            {
                resource.Observers.Remove(observer);
                return ValueTask.CompletedTask;
            }));
            StackLog.ObserverRegistered(_logger, Index, resource.Uri, request.Interface);
        }

        return ToCoap(CoapMessage.ResponseTo(coapRequest, response.Code), response, versioned, responseFormat);
    }

    /// <summary>Finds the resource, checks interface, access and method, and calls the handler.</summary>
    private async ValueTask<(OcfResponse Response, OcfRequest? Request)> RouteAsync(
        CoapCode method,
        string path,
        IReadOnlyList<string> query,
        ReadOnlyMemory<byte> payload,
        Guid? peer,
        OcfConnectionType connectionType,
        CoapRequestContext? context,
        CancellationToken cancellationToken)
    {
        var resource = FindResource(path);
        if (resource is null)
        {
            return (OcfResponse.FromCode(CoapCode.NotFound), null);
        }

        string? requested = null;
        foreach (string item in query)
        {
            if (OcfRequest.QueryMatches(item, "if", out string value))
            {
                requested = value;
                break;
            }
        }

        var request = new OcfRequest(
            this, resource, method, requested ?? resource.DefaultInterface, query, payload, peer, connectionType, context);
        switch (Stack.AccessControl.Decide(request))
        {
            case OcfAccessOutcome.Allow:
                break;
            case OcfAccessOutcome.Unauthorized:
                return (OcfResponse.FromCode(CoapCode.Unauthorized), null);
            default:
                return (OcfResponse.FromCode(CoapCode.Forbidden), null);
        }

        if (resource.GetMethodHandler(method) is not { } handler)
        {
            return (OcfResponse.FromCode(CoapCode.MethodNotAllowed), null);
        }

        if (requested is not null && !resource.SupportsInterface(requested))
        {
            return (OcfResponse.FromCode(CoapCode.BadRequest), null);
        }

        return (await InvokeHandlerAsync(handler, request, cancellationToken).ConfigureAwait(false), request);
    }

    private async ValueTask<OcfResponse> InvokeHandlerAsync(OcfRequestHandler handler, OcfRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await handler(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (CborContentException ex)
        {
            StackLog.MalformedRepresentation(_logger, Index, request.Method, request.Resource.Uri, ex.Message);
            return OcfResponse.BadRequest();
        }
        catch (InvalidOperationException ex) when (ex.Source == typeof(CborReader).Assembly.GetName().Name)
        {
            StackLog.MalformedRepresentation(_logger, Index, request.Method, request.Resource.Uri, ex.Message);
            return OcfResponse.BadRequest();
        }
        catch (Exception ex)
        {
            StackLog.HandlerFailed(_logger, Index, request.Method, request.Resource.Uri, ex);
            return OcfResponse.FromCode(CoapCode.InternalServerError);
        }
    }

    private static CoapMessage Error(CoapMessage request, CoapCode code) => CoapMessage.ResponseTo(request, code).Build();

    /// <summary>Adds the body with Content-Format (and 2053 = 2048 when the request carried 2049).</summary>
    private static CoapMessage ToCoap(CoapMessageBuilder builder, OcfResponse response, bool versioned, ushort contentFormat)
    {
        if (!response.Payload.IsEmpty)
        {
            builder.SetPayload(response.Payload, contentFormat);
            if (versioned)
            {
                builder.SetOption(CoapOptionNumber.OcfContentFormatVersion, OcfVersion1);
            }
        }

        return builder.Build();
    }
}
