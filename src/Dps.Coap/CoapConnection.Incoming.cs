using System.Text;
using Dps.Coap.Internal;

namespace Dps.Coap;

public sealed partial class CoapConnection
{
    private int _activeIncoming;

    private void OnRequest(CoapMessage request)
    {
        try
        {
            _ = request.Block1;
            _ = request.Block2;
            _ = request.Observe;
        }
        catch (CoapFormatException ex)
        {
            _ = SendInBackgroundAsync(ErrorResponse(request, CoapCode.BadOption, ex.Message));
            return;
        }

        foreach (var option in request.Options)
        {
            if (CoapOptionNumber.IsCritical(option.Number) && CoapOptionDefinition.Find(option.Number) is null)
            {
                Log.UnknownCriticalOption(_logger, request.Code, request.UriPath, option.Number);
                _ = SendInBackgroundAsync(ErrorResponse(request, CoapCode.BadOption, $"Unknown critical option {option.Number}."));
                return;
            }
        }

        if (Interlocked.Increment(ref _activeIncoming) > _options.MaxConcurrentIncomingRequests)
        {
            Interlocked.Decrement(ref _activeIncoming);
            Log.TooManyRequests(_logger, _options.MaxConcurrentIncomingRequests, request.Code, request.UriPath);
            _ = SendInBackgroundAsync(ErrorResponse(request, CoapCode.ServiceUnavailable, "Too many concurrent requests."));
            return;
        }

        // The reader never waits for a handler.
        _ = Task.Run(() => ProcessRequestAsync(request));
    }

    private async Task ProcessRequestAsync(CoapMessage request)
    {
        Observe.ObserverRegistration? observer = null;
        bool observing = false;
        try
        {
            var fullRequest = request;
            CoapBlockOption? finalBlock1 = null;
            if (request.Block1 is { } block1)
            {
                var outcome = ReceiveBlock1(request, block1);
                if (outcome.Reply is { } reply)
                {
                    await WriteFrameAsync(reply, CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                fullRequest = outcome.Request!;
                finalBlock1 = block1;
            }

            if (request.Block2 is { Number: > 0 } block2 && TryGetCachedBody(request, out var cached))
            {
                await SendResponseAsync(request, cached, block2, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            var registrationKey = BeginObserveRequest(fullRequest);
            var context = new CoapRequestContext(this, fullRequest);
            var response = await InvokeHandlerAsync(context).ConfigureAwait(false);
            if (response is null)
            {
                return;
            }

            if (finalBlock1 is { } last && !response.Options.Contains(CoapOptionNumber.Block1))
            {
                response = response.ToBuilder().AddOption(new CoapBlockOption(last.Number, false, last.SizeExponent).ToOption(CoapOptionNumber.Block1)).Build();
            }

            observer = context.Observer;
            if (observer is not null && response.Code.IsSuccess && IsConnected)
            {
                response = response.ToBuilder().SetObserve(observer.NextSequence()).Build();
                _observers[registrationKey] = observer;
                await SendResponseAsync(fullRequest, response, fullRequest.Block2, CancellationToken.None).ConfigureAwait(false);
                if (IsConnected)
                {
                    observer.MarkStarted();
                    observing = true;
                }
            }
            else
            {
                observer?.End();
                if (response.Options.Contains(CoapOptionNumber.Observe) && observer is null)
                {
                    response = response.ToBuilder().RemoveOption(CoapOptionNumber.Observe).Build();
                }

                await SendResponseAsync(fullRequest, response, fullRequest.Block2, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (CoapConnectionException)
        {
            // The connection ended while serving; nothing to answer.
        }
        catch (Exception ex)
        {
            Log.IncomingRequestFailed(_logger, request.Code, request.UriPath, ex);
        }
        finally
        {
            if (!observing)
            {
                // Not registered after all (error answer, failure, connection ended): end it so NotifyAsync does not wait.
                observer?.End();
            }

            Interlocked.Decrement(ref _activeIncoming);
        }
    }

    private async Task<CoapMessage?> InvokeHandlerAsync(CoapRequestContext context)
    {
        var request = context.Request;
        if (_handler is null)
        {
            return ErrorResponse(request, CoapCode.NotFound, null);
        }

        CoapMessage? response;
        try
        {
            response = await _handler.HandleAsync(context, _lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            context.Observer?.End();
            return null;
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, request.Code, request.UriPath, ex);
            context.Observer?.End();
            return ErrorResponse(request, CoapCode.InternalServerError, "Internal Server Error");
        }

        if (response is null || !response.Code.IsResponse)
        {
            Log.HandlerFailed(
                _logger,
                request.Code,
                request.UriPath,
                new InvalidOperationException($"The handler returned {(response is null ? "null" : response.Code.ToString())}, not a response."));
            context.Observer?.End();
            return ErrorResponse(request, CoapCode.InternalServerError, "Internal Server Error");
        }

        return response;
    }

    private static CoapMessage ErrorResponse(CoapMessage request, CoapCode code, string? diagnostic)
    {
        var builder = CoapMessage.ResponseTo(request, code);
        if (diagnostic is not null)
        {
            builder.SetPayload(Encoding.UTF8.GetBytes(diagnostic));
        }

        return builder.Build();
    }
}
