using System.Net;
using System.Net.Sockets;
using Dps.Testing;

namespace Dps.Coap.Tests.Transport;

[Category("Integration")]
public sealed class CoapTcpTransportTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task ConnectAsync_PlainTcpListener_ExchangesRequestsBothWays(CancellationToken cancellationToken)
    {
        var serverHandler = DelegateCoapHandler.Echo();
        await using var listener = new CoapTcpListener(new IPEndPoint(IPAddress.Loopback, 0), new CoapListenerOptions { Handler = serverHandler });
        listener.Start();
        var clientHandler = new DelegateCoapHandler(ctx =>
            CoapMessage.ResponseTo(ctx.Request, CoapCode.Content).SetPayload("from-client"u8.ToArray()).Build());

        await using var client = await CoapTcpClient.ConnectAsync(
            new Uri($"coap+tcp://127.0.0.1:{listener.LocalEndPoint.Port}"),
            new CoapTcpClientOptions { Handler = clientHandler },
            cancellationToken);
        var response = await client.SendAsync(
            CoapMessage.Request(CoapCode.Post, "/echo").SetPayload("hello"u8.ToArray(), CoapContentFormat.TextPlain).Build(),
            cancellationToken: cancellationToken);
        var serverSide = listener.Connections.Single();
        var reverse = await serverSide.SendAsync(CoapMessage.Request(CoapCode.Get, "/oic/res").Build(), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(response.Payload.ToArray(), Is.EqualTo("hello"u8.ToArray()));
            Assert.That(reverse.Payload.ToArray(), Is.EqualTo("from-client"u8.ToArray()));
            Assert.That(serverSide.RemoteEndPoint, Is.EqualTo(client.LocalEndPoint));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ConnectAsync_Ipv6Loopback_Connects(CancellationToken cancellationToken)
    {
        if (!Socket.OSSupportsIPv6)
        {
            Assert.Ignore("IPv6 is not available on this machine.");
        }

        await using var listener = new CoapTcpListener(new IPEndPoint(IPAddress.IPv6Loopback, 0), new CoapListenerOptions { Handler = DelegateCoapHandler.Echo() });
        listener.Start();

        await using var client = await CoapTcpClient.ConnectAsync(new Uri($"coap+tcp://[::1]:{listener.LocalEndPoint.Port}"), cancellationToken: cancellationToken);
        var response = await client.SendAsync(CoapMessage.Request(CoapCode.Get, "/x").Build(), cancellationToken: cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ConnectAsync_NothingListening_ThrowsCoapConnectionException(CancellationToken cancellationToken)
    {
        int port = Dps.Testing.Processes.FreePort.Get();

        await Assert.ThatAsync(
            () => CoapTcpClient.ConnectAsync(new Uri($"coap+tcp://127.0.0.1:{port}"), cancellationToken: cancellationToken),
            Throws.TypeOf<CoapConnectionException>());
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StopAsync_WithConnectedClient_EndsClientConnection(CancellationToken cancellationToken)
    {
        var listener = new CoapTcpListener(new IPEndPoint(IPAddress.Loopback, 0), new CoapListenerOptions { Handler = DelegateCoapHandler.Echo() });
        listener.Start();
        await using var client = await CoapTcpClient.ConnectAsync(new Uri($"coap+tcp://127.0.0.1:{listener.LocalEndPoint.Port}"), cancellationToken: cancellationToken);
        await client.SendAsync(CoapMessage.Request(CoapCode.Get, "/x").Build(), cancellationToken: cancellationToken);

        await listener.DisposeAsync();
        await client.Completion.WaitAsync(cancellationToken);

        Assert.That(client.IsConnected, Is.False);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Listener_GarbageFromOnePeer_OtherConnectionsUnaffected(CancellationToken cancellationToken)
    {
        await using var listener = new CoapTcpListener(new IPEndPoint(IPAddress.Loopback, 0), new CoapListenerOptions { Handler = DelegateCoapHandler.Echo() });
        listener.Start();
        await using var good = await CoapTcpClient.ConnectAsync(new Uri($"coap+tcp://127.0.0.1:{listener.LocalEndPoint.Port}"), cancellationToken: cancellationToken);

        using (var hostile = new TcpClient())
        {
            await hostile.ConnectAsync(IPAddress.Loopback, listener.LocalEndPoint.Port, cancellationToken);
            var stream = hostile.GetStream();
            await stream.WriteAsync(new byte[] { 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, cancellationToken);
            // The listener aborts the hostile connection: reading ends (Abort frame, then EOF).
            var buffer = new byte[256];
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }

        var response = await good.SendAsync(CoapMessage.Request(CoapCode.Get, "/still-there").Build(), cancellationToken: cancellationToken);

        Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
    }
}
