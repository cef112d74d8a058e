using Dps.Coap;

namespace Dps.Testing;

/// <summary>An <see cref="ICoapHandler"/> made from a delegate.</summary>
public sealed class DelegateCoapHandler : ICoapHandler
{
    private readonly Func<CoapRequestContext, CancellationToken, ValueTask<CoapMessage>> _handle;

    /// <summary>Wraps an async delegate.</summary>
    public DelegateCoapHandler(Func<CoapRequestContext, CancellationToken, ValueTask<CoapMessage>> handle) => _handle = handle;

    /// <summary>Wraps a synchronous delegate.</summary>
    public DelegateCoapHandler(Func<CoapRequestContext, CoapMessage> handle)
        : this((context, _) => ValueTask.FromResult(handle(context)))
    {
    }

    /// <summary>Number of requests handled.</summary>
    public int Count => Volatile.Read(ref _count);

    private int _count;

    /// <inheritdoc />
    public ValueTask<CoapMessage> HandleAsync(CoapRequestContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return _handle(context, cancellationToken);
    }

    /// <summary>A handler that answers 2.05 with the request's payload.</summary>
    public static DelegateCoapHandler Echo() =>
        new(context => CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(context.Request.Payload).Build());
}
