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
}
