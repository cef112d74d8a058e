using System.Text;
using Dps.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Coap.Tests.Connection;

public sealed partial class CoapConnectionTests
{
    private static CoapMessage Get(string path) => CoapMessage.Request(CoapCode.Get, path).Build();

    private static CoapMessage Post(string path, byte[] payload) =>
        CoapMessage.Request(CoapCode.Post, path).SetPayload(payload).Build();

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_PeerHandlerAnswers_ReturnsResponse(CancellationToken cancellationToken)
    {
        var handler = new DelegateCoapHandler(context =>
            CoapMessage.ResponseTo(context.Request, CoapCode.Content)
                .SetPayload(Encoding.UTF8.GetBytes(context.Request.UriPath + "?" + context.Request.GetQueryParameter("if")))
                .Build());
        await using var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Get("/oic/res?if=oic.if.ll"), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(Encoding.UTF8.GetString(response.Payload.Span), Is.EqualTo("/oic/res?oic.if.ll"));
            Assert.That(response.Token.Length, Is.EqualTo(8));
            Assert.That(pair.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SendAsync_100ConcurrentRequestsEachWay_AllMatchedByToken(CancellationToken cancellationToken)
    {
        await using var pair = await ConnectionPair.StartAsync(
            DelegateCoapHandler.Echo(), DelegateCoapHandler.Echo(), cancellationToken: cancellationToken);

        var fromClient = Enumerable.Range(0, 100).Select(i => SendEcho(pair.Client, "c" + i));
        var fromServer = Enumerable.Range(0, 100).Select(i => SendEcho(pair.Server, "s" + i));
        var results = await Task.WhenAll(fromClient.Concat(fromServer)).WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.Sent == r.Received), Is.EqualTo(200));
            Assert.That(pair.Errors, Is.Empty);
        });

        async Task<(string Sent, string Received)> SendEcho(CoapConnection connection, string text)
        {
            var response = await connection.SendAsync(Post("/echo", Encoding.UTF8.GetBytes(text)), cancellationToken: cancellationToken);
            return (text, Encoding.UTF8.GetString(response.Payload.Span));
        }
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_HandlerThrows_Answers500LogsErrorAndKeepsConnection(CancellationToken cancellationToken)
    {
        var handler = new DelegateCoapHandler(context =>
            context.Request.UriPath == "/boom" ? throw new InvalidOperationException("boom") : CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build());
        await using var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);

        var failed = await pair.Client.SendAsync(Get("/boom"), cancellationToken: cancellationToken);
        var next = await pair.Client.SendAsync(Get("/fine"), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Code, Is.EqualTo(CoapCode.InternalServerError));
            Assert.That(next.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(pair.ServerLog.Errors, Has.Count.EqualTo(1));
            Assert.That(pair.ServerLog.Errors[0].Exception, Is.InstanceOf<InvalidOperationException>());
            Assert.That(pair.ClientLog.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_NoHandler_Answers404(CancellationToken cancellationToken)
    {
        await using var pair = await ConnectionPair.StartAsync(cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Get("/oic/res"), cancellationToken: cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.NotFound));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_HandlerSendsRequestBackBeforeAnswering_BothComplete(CancellationToken cancellationToken)
    {
        // The DPS server asks the device GET /oic/res before answering the device's first request.
        var serverHandler = new DelegateCoapHandler(async (context, token) =>
        {
            var inner = await context.Connection.SendAsync(Get("/oic/res"), cancellationToken: token);
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(inner.Payload).Build();
        });
        var clientHandler = new DelegateCoapHandler(context =>
            CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload("links"u8.ToArray()).Build());
        await using var pair = await ConnectionPair.StartAsync(clientHandler, serverHandler, cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Get("/api/v1/provisioning/ownership"), cancellationToken: cancellationToken);

        Assert.That(Encoding.UTF8.GetString(response.Payload.Span), Is.EqualTo("links"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_SlowHandler_DoesNotBlockOtherRequests(CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(async (context, token) =>
        {
            if (context.Request.UriPath == "/slow")
            {
                await gate.Task.WaitAsync(token);
            }

            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        await using var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);

        var slow = pair.Client.SendAsync(Get("/slow"), cancellationToken: cancellationToken);
        var fast = await pair.Client.SendAsync(Get("/fast"), cancellationToken: cancellationToken);
        bool slowDoneBeforeGate = slow.IsCompleted;
        gate.SetResult();
        var slowResponse = await slow;

        Assert.Multiple(() =>
        {
            Assert.That(fast.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(slowDoneBeforeGate, Is.False);
            Assert.That(slowResponse.Code, Is.EqualTo(CoapCode.Content));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_NoAnswer_ThrowsTimeoutExceptionWhenFakeTimeAdvances(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var (a, b) = DuplexPipe.CreatePair();
        await using var peer = new RawCoapPeer(b);
        using var connection = new CoapConnection(a, new CoapConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(10) }, timeProvider: time);
        connection.Start();

        var task = connection.SendAsync(Get("/x.plgd.dev/time"), cancellationToken: cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(9));
        bool completedEarly = task.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(completedEarly, Is.False);
            Assert.That(async () => await task, Throws.TypeOf<TimeoutException>());
            Assert.That(connection.IsConnected, Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_PerRequestTimeout_OverridesConnectionTimeout(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var (a, b) = DuplexPipe.CreatePair();
        await using var peer = new RawCoapPeer(b);
        using var connection = new CoapConnection(a, timeProvider: time);
        connection.Start();

        var task = connection.SendAsync(Get("/a"), new CoapRequestOptions { Timeout = TimeSpan.FromSeconds(2) }, cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.That(async () => await task, Throws.TypeOf<TimeoutException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_Cancelled_ThrowsOperationCanceledAndOtherRequestsContinue(CancellationToken cancellationToken)
    {
        var (a, b) = DuplexPipe.CreatePair();
        await using var peer = new RawCoapPeer(b);
        using var connection = new CoapConnection(a);
        connection.Start();
        using var cts = new CancellationTokenSource();

        var cancelled = connection.SendAsync(Get("/one"), cancellationToken: cts.Token);
        var other = connection.SendAsync(Get("/two"), cancellationToken: cancellationToken);
        var first = await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
        var second = await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
        await cts.CancelAsync();
        var otherRequest = first.UriPath == "/two" ? first : second;
        await peer.SendAsync(CoapMessage.ResponseTo(otherRequest, CoapCode.Content).Build(), cancellationToken);

        var ex = Assert.CatchAsync<OperationCanceledException>(async () => await cancelled);
        var response = await other;
        Assert.Multiple(() =>
        {
            Assert.That(ex!.CancellationToken, Is.EqualTo(cts.Token));
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(connection.IsConnected, Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_PeerClosesWithRequestsPending_AllFailWithCoapConnectionException(CancellationToken cancellationToken)
    {
        var (a, b) = DuplexPipe.CreatePair();
        var peer = new RawCoapPeer(b);
        using var connection = new CoapConnection(a);
        CoapConnectionClosedEventArgs? closed = null;
        connection.Closed += (_, e) => closed = e;
        connection.Start();

        var tasks = Enumerable.Range(0, 5).Select(i => connection.SendAsync(Get("/p" + i), cancellationToken: cancellationToken)).ToArray();
        for (int i = 0; i < 5; i++)
        {
            await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
        }

        await peer.DisposeAsync();
        await connection.Completion.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            foreach (var task in tasks)
            {
                var ex = Assert.ThrowsAsync<CoapConnectionException>(async () => await task);
                Assert.That(ex!.Kind, Is.EqualTo(CoapConnectionErrorKind.PeerClosed));
            }

            Assert.That(closed?.Kind, Is.EqualTo(CoapConnectionErrorKind.PeerClosed));
            Assert.That(connection.IsConnected, Is.False);
            Assert.That(() => connection.SendAsync(Get("/late")), Throws.TypeOf<CoapConnectionException>());
        });
    }

    [Test]
    public void SendAsync_BeforeStart_ThrowsInvalidOperation()
    {
        var (a, _) = DuplexPipe.CreatePair();
        using var connection = new CoapConnection(a);

        Assert.That(() => connection.SendAsync(Get("/a")), Throws.InvalidOperationException);
    }

    [Test]
    public void SendAsync_ResponseCode_ThrowsArgumentException()
    {
        var (a, _) = DuplexPipe.CreatePair();
        using var connection = new CoapConnection(a);
        connection.Start();

        Assert.That(() => connection.SendAsync(CoapMessage.Create(CoapCode.Content)), Throws.ArgumentException);
    }

    [Test]
    public void Constructor_InvalidOptions_Throws()
    {
        var (a, _) = DuplexPipe.CreatePair();

        Assert.That(() => new CoapConnection(a, new CoapConnectionOptions { MaxMessageSize = 100 }), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Constructor_CopiesOptions()
    {
        var (a, _) = DuplexPipe.CreatePair();
        var options = new CoapConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(3) };
        using var connection = new CoapConnection(a, options);

        options.RequestTimeout = TimeSpan.FromSeconds(30);

        Assert.That(connection.Options.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task CloseAsync_SendsRelease_PeerSeesReleasedAndPendingFail(CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(async (context, token) =>
        {
            await gate.Task.WaitAsync(token);
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);

        var pending = pair.Client.SendAsync(Get("/wait"), cancellationToken: cancellationToken);
        await pair.Server.CloseAsync(cancellationToken);
        await pair.Client.Completion.WaitAsync(cancellationToken);

        var ex = Assert.ThrowsAsync<CoapConnectionException>(async () => await pending);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Kind, Is.EqualTo(CoapConnectionErrorKind.PeerReleased));
            Assert.That(pair.Client.CloseReason?.Kind, Is.EqualTo(CoapConnectionErrorKind.PeerReleased));
            Assert.That(pair.Server.CloseReason?.Kind, Is.EqualTo(CoapConnectionErrorKind.ClosedLocally));
            Assert.That(pair.Errors, Is.Empty);
        });
        await pair.DisposeAsync();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PingAsync_Pair_CompletesWithPong(CancellationToken cancellationToken)
    {
        await using var pair = await ConnectionPair.StartAsync(cancellationToken: cancellationToken);

        await pair.Client.PingAsync(cancellationToken);
        await pair.Server.PingAsync(cancellationToken);

        Assert.That(pair.Client.IsConnected, Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Dispose_StreamIsDisposedUnlessLeftOpen(CancellationToken cancellationToken)
    {
        var (a, _) = DuplexPipe.CreatePair();
        var (c, _) = DuplexPipe.CreatePair();
        var owned = new CoapConnection(a);
        var leftOpen = new CoapConnection(c, new CoapConnectionOptions { LeaveStreamOpen = true });
        owned.Start();
        leftOpen.Start();

        await owned.DisposeAsync();
        await leftOpen.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(a.IsDisposed, Is.True);
            Assert.That(c.IsDisposed, Is.False);
            Assert.That(owned.Completion.IsCompleted, Is.True);
        });
    }
}
