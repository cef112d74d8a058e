using System.Net;
using Dps.Testing;

namespace Dps.Coap.Tests.Connection;

public sealed partial class CoapConnectionTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task Request_OverConcurrencyLimit_Answers503(CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(async (context, token) =>
        {
            await gate.Task.WaitAsync(token);
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        var (connection, peer, _, _) = StartWithRawPeer(new CoapConnectionOptions { MaxConcurrentIncomingRequests = 1 }, handler);
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/a").SetToken(new byte[] { 1 }).Build(), cancellationToken);
        await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/b").SetToken(new byte[] { 2 }).Build(), cancellationToken);
        var rejected = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);
        gate.SetResult();
        var served = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(rejected.Code, Is.EqualTo(CoapCode.ServiceUnavailable));
            Assert.That(rejected.Token.ToArray(), Is.EqualTo(new byte[] { 2 }));
            Assert.That(served.Code, Is.EqualTo(CoapCode.Content));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_MalformedBlockOption_Answers402(CancellationToken cancellationToken)
    {
        var handler = DelegateCoapHandler.Echo();
        var (connection, peer, log, _) = StartWithRawPeer(handler: handler);
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(
            CoapMessage.Request(CoapCode.Put, "/a").SetToken(new byte[] { 1 })
                .AddOption(new CoapOption(CoapOptionNumber.Block1, new byte[] { 1, 2, 3, 4 })).Build(),
            cancellationToken);
        var response = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.BadOption));
            Assert.That(handler.Count, Is.Zero);
            Assert.That(log.Errors, Is.Empty);
            Assert.That(connection.IsConnected, Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Context_ExposesConnectionItemsAndEndPoint(CancellationToken cancellationToken)
    {
        var (a, b) = DuplexPipe.CreatePair();
        var endPoint = new IPEndPoint(IPAddress.Loopback, 5684);
        object? seen = null;
        EndPoint? seenEndPoint = null;
        var handler = new DelegateCoapHandler(context =>
        {
            seen = context.Items["device"];
            seenEndPoint = context.RemoteEndPoint;
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        using var server = new CoapConnection(b, handler: handler) { RemoteEndPoint = endPoint };
        using var client = new CoapConnection(a);
        server.Items["device"] = "d1";
        server.Start();
        client.Start();

        await client.SendAsync(Get("/a"), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo("d1"));
            Assert.That(seenEndPoint, Is.EqualTo(endPoint));
            Assert.That(server.RemoteCertificate, Is.Null);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Start_Twice_Throws(CancellationToken cancellationToken)
    {
        await using var pair = await ConnectionPair.StartAsync(cancellationToken: cancellationToken);

        Assert.That(() => pair.Client.Start(), Throws.InvalidOperationException);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Handler_ConnectionCloses_HandlerTokenIsCancelled(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateCoapHandler(async (context, token) =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return CoapMessage.ResponseTo(context.Request, CoapCode.Content).Build();
        });
        var pair = await ConnectionPair.StartAsync(serverHandler: handler, cancellationToken: cancellationToken);
        var pending = pair.Client.SendAsync(Get("/wait"), cancellationToken: cancellationToken);
        await started.Task.WaitAsync(cancellationToken);

        await pair.Client.CloseAsync(cancellationToken);
        await cancelled.Task.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(async () => await pending, Throws.TypeOf<CoapConnectionException>());
            Assert.That(pair.Errors, Is.Empty);
        });
        await pair.DisposeAsync();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_BlockWiseOff_ReturnsFirstBlockOnly(CancellationToken cancellationToken)
    {
        var handler = new DelegateCoapHandler(context => CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(RandomBody(5000)).Build());
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: handler, clientOptions: new CoapConnectionOptions { MaxMessageSize = 1152 }, cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Get("/big"), new CoapRequestOptions { BlockWise = false }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Block2, Is.EqualTo(new CoapBlockOption(0, true, 6)));
            Assert.That(response.Options.GetUInt(CoapOptionNumber.Size2), Is.EqualTo(5000));
            Assert.That(response.Payload.Length, Is.EqualTo(1024));
        });
    }
}
