using System.Text;
using Dps.Coap.Blockwise;
using Dps.Coap.Framing;
using Dps.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Coap.Tests.Connection;

public sealed partial class CoapConnectionTests
{
    private static (CoapConnection Connection, RawCoapPeer Peer, RecordingLogger Log, RecordingStream Stream) StartWithRawPeer(
        CoapConnectionOptions? options = null, ICoapHandler? handler = null, TimeProvider? time = null)
    {
        var (a, b) = DuplexPipe.CreatePair();
        var log = new RecordingLogger();
        var recording = new RecordingStream(a);
        var connection = new CoapConnection(recording, options, handler, time, log);
        connection.Start();
        return (connection, new RawCoapPeer(b), log, recording);
    }

    private static CoapMessage Signal(CoapCode code, params CoapOption[] options) =>
        CoapMessage.Create(code, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, options);

    [Test]
    [CancelAfter(10_000)]
    public async Task Start_SendsCsmFirst_WithMaxMessageSizeBlockWiseAndEightByteToken(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer(new CoapConnectionOptions { MaxMessageSize = 9000 });
        using var _ = connection;
        await using var __ = peer;
        var request = connection.SendAsync(Get("/a"), cancellationToken: cancellationToken);

        var csm = await peer.ReadAsync(cancellationToken);
        var get = await peer.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(csm!.Code, Is.EqualTo(CoapCode.Csm));
            Assert.That(csm.Token.Length, Is.EqualTo(8));
            Assert.That(csm.Options.GetUInt(CoapSignalingOption.MaxMessageSize), Is.EqualTo(9000));
            Assert.That(csm.Options.Contains(CoapSignalingOption.BlockWiseTransfer), Is.True);
            Assert.That(get!.Code, Is.EqualTo(CoapCode.Get));
            Assert.That(get.Token.Length, Is.EqualTo(8));
        });
        await peer.SendAsync(CoapMessage.ResponseTo(get!, CoapCode.Content).Build(), cancellationToken);
        await request;
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Start_BlockWiseDisabled_CsmHasNoBlockWiseOption(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer(new CoapConnectionOptions { BlockWiseTransfer = false });
        using var _ = connection;
        await using var __ = peer;

        var csm = await peer.ReadAsync(cancellationToken);

        Assert.That(csm!.Options.Contains(CoapSignalingOption.BlockWiseTransfer), Is.False);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_PeerNeverSendsCsm_IsServed(CancellationToken cancellationToken)
    {
        var (connection, peer, log, _) = StartWithRawPeer(handler: DelegateCoapHandler.Echo());
        using var _ = connection;
        await using var __ = peer;
        var request = CoapMessage.Request(CoapCode.Post, "/oic/sec/account").SetToken(new byte[] { 9, 9, 9, 9, 9, 9, 9, 9 })
            .SetPayload("hi"u8.ToArray()).Build();

        await peer.SendAsync(request, cancellationToken);
        var response = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(response.Token.ToArray(), Is.EqualTo(request.Token.ToArray()));
            Assert.That(response.Payload.ToArray(), Is.EqualTo("hi"u8.ToArray()));
            Assert.That(connection.PeerSettings.CsmReceived, Is.False);
            Assert.That(log.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_NoPeerCsm_AssumedMaxMessageSizeSendsWholeLargeReply(CancellationToken cancellationToken)
    {
        byte[] body = new byte[5000];
        Random.Shared.NextBytes(body);
        var handler = new DelegateCoapHandler(context => CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(body).Build());
        var (connection, peer, _, _) = StartWithRawPeer(new CoapConnectionOptions { AssumePeerMaxMessageSize = 256 * 1024 }, handler);
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/big").SetToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).Build(), cancellationToken);
        var response = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Payload.ToArray(), Is.EqualTo(body));
            Assert.That(response.Block2, Is.Null);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_NoPeerCsmAndDefaultAssumption_LargeReplyBecomes500(CancellationToken cancellationToken)
    {
        var handler = new DelegateCoapHandler(context => CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(new byte[3000]).Build());
        var (connection, peer, log, _) = StartWithRawPeer(handler: handler);
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/big").SetToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).Build(), cancellationToken);
        var response = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.InternalServerError));
            Assert.That(log.WithEventId(1011), Has.Count.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Csm_FromPeer_UpdatesPeerSettingsAndSecondCsmUpdatesAgain(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;
        var before = connection.PeerSettings;

        await peer.SendAsync(Signal(CoapCode.Csm, CoapOption.FromUInt(CoapSignalingOption.MaxMessageSize, 8388864), CoapOption.Empty(CoapSignalingOption.BlockWiseTransfer)), cancellationToken);
        var first = await connection.WaitForPeerCsmAsync(cancellationToken);
        await peer.SendAsync(Signal(CoapCode.Csm, CoapOption.FromUInt(CoapSignalingOption.MaxMessageSize, 4096)), cancellationToken);
        await peer.SendAsync(Signal(CoapCode.Ping), cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Pong, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(before.MaxMessageSize, Is.EqualTo(CoapTcpFramer.DefaultMaxMessageSize));
            Assert.That(before.CsmReceived, Is.False);
            Assert.That(first.MaxMessageSize, Is.EqualTo(8388864));
            Assert.That(first.BlockWiseTransfer, Is.True);
            Assert.That(connection.PeerSettings.MaxMessageSize, Is.EqualTo(4096));
            Assert.That(connection.PeerSettings.BlockWiseTransfer, Is.True);
            Assert.That(connection.PeerSettings.CsmReceived, Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Csm_LibcoapFrameBytes_AreUnderstood(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        await peer.SendRawAsync(Convert.FromHexString("50e12380010020"), cancellationToken);
        var settings = await connection.WaitForPeerCsmAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxMessageSize, Is.EqualTo(8388864));
            Assert.That(settings.BlockWiseTransfer, Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Csm_UnknownCriticalOption_SendsAbortWithBadCsmOptionAndCloses(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(Signal(CoapCode.Csm, CoapOption.Empty(9)), cancellationToken);
        var abort = await peer.ReadUntilAsync(CoapCode.Abort, cancellationToken);
        await connection.Completion.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(abort.Options.GetUInt(CoapSignalingOption.BadCsmOption), Is.EqualTo(9));
            Assert.That(abort.Payload.Length, Is.GreaterThan(0));
            Assert.That(abort.Token.Length, Is.EqualTo(8));
            Assert.That(connection.CloseReason?.Kind, Is.EqualTo(CoapConnectionErrorKind.ProtocolError));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Frame_Malformed_SendsAbortWithDiagnosticAndCloses(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;
        var pending = connection.SendAsync(Get("/a"), cancellationToken: cancellationToken);

        await peer.SendRawAsync(new byte[] { 0x09, 0x01 }, cancellationToken); // TKL 9 is reserved
        var abort = await peer.ReadUntilAsync(CoapCode.Abort, cancellationToken);
        await connection.Completion.WaitAsync(cancellationToken);

        var ex = Assert.ThrowsAsync<CoapConnectionException>(async () => await pending);
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(abort.Payload.Span), Does.Contain("Token length"));
            Assert.That(ex!.Kind, Is.EqualTo(CoapConnectionErrorKind.ProtocolError));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Frame_LargerThanOurMaxMessageSize_Aborts(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer(new CoapConnectionOptions { MaxMessageSize = 2048 });
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(CoapMessage.Request(CoapCode.Post, "/x").SetPayload(new byte[4000]).Build(), cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Abort, cancellationToken);
        await connection.Completion.WaitAsync(cancellationToken);

        Assert.That(connection.CloseReason?.Kind, Is.EqualTo(CoapConnectionErrorKind.ProtocolError));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Ping_FromPeer_AnsweredWithPongEchoingTokenAndCustody(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(Signal(CoapCode.Ping), cancellationToken);
        var pong = await peer.ReadUntilAsync(CoapCode.Pong, cancellationToken);
        await peer.SendAsync(Signal(CoapCode.Ping, CoapOption.Empty(CoapSignalingOption.Custody)), cancellationToken);
        var custodyPong = await peer.ReadUntilAsync(CoapCode.Pong, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(pong.Token.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
            Assert.That(pong.Options.IsEmpty, Is.True);
            Assert.That(custodyPong.Options.Contains(CoapSignalingOption.Custody), Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PingAsync_PongWithCustodyOption_Completes(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        var ping = connection.PingAsync(cancellationToken);
        var sent = await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
        await peer.SendAsync(CoapMessage.Create(CoapCode.Pong, sent.Token, [CoapOption.Empty(CoapSignalingOption.Custody)]), cancellationToken);
        await ping;

        Assert.Multiple(() =>
        {
            Assert.That(sent.Token.Length, Is.EqualTo(8));
            Assert.That(ping.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PingAsync_PongWithoutToken_Completes(CancellationToken cancellationToken)
    {
        // libcoap 4.3 answers every Ping with an empty-token Pong.
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        var ping = connection.PingAsync(cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
        await peer.SendAsync(CoapMessage.Create(CoapCode.Pong, ReadOnlyMemory<byte>.Empty, [CoapOption.Empty(CoapSignalingOption.Custody)]), cancellationToken);
        await ping;

        Assert.That(ping.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PingAsync_UnrelatedResponseWithoutToken_DoesNotCompletePing(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var (connection, peer, _, _) = StartWithRawPeer(time: time);
        using var _ = connection;
        await using var __ = peer;

        var ping = connection.PingAsync(TimeSpan.FromSeconds(4), cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
        await peer.SendAsync(CoapMessage.Create(CoapCode.Content, ReadOnlyMemory<byte>.Empty), cancellationToken);
        await peer.SendAsync(CoapMessage.Create(CoapCode.Ping, new byte[] { 1 }), cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Pong, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.That(async () => await ping, Throws.TypeOf<TimeoutException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task PingAsync_NoPong_ThrowsTimeoutException(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var (connection, peer, _, _) = StartWithRawPeer(time: time);
        using var _ = connection;
        await using var __ = peer;

        var ping = connection.PingAsync(TimeSpan.FromSeconds(4), cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.That(async () => await ping, Throws.TypeOf<TimeoutException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Release_FromPeer_FailsPendingAndCloses(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;
        CoapConnectionClosedEventArgs? closed = null;
        connection.Closed += (_, e) => closed = e;
        var pending = connection.SendAsync(Get("/a"), cancellationToken: cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);

        await peer.SendAsync(Signal(CoapCode.Release), cancellationToken);
        await connection.Completion.WaitAsync(cancellationToken);

        var ex = Assert.ThrowsAsync<CoapConnectionException>(async () => await pending);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Kind, Is.EqualTo(CoapConnectionErrorKind.PeerReleased));
            Assert.That(closed?.Kind, Is.EqualTo(CoapConnectionErrorKind.PeerReleased));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Abort_FromPeer_FailsPendingWithDiagnosticAndCloses(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;
        var pending = connection.SendAsync(Get("/a"), cancellationToken: cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);

        await peer.SendAsync(CoapMessage.Create(CoapCode.Abort, new byte[8], payload: "bye"u8.ToArray()), cancellationToken);
        await connection.Completion.WaitAsync(cancellationToken);

        var ex = Assert.ThrowsAsync<CoapConnectionException>(async () => await pending);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Kind, Is.EqualTo(CoapConnectionErrorKind.PeerAborted));
            Assert.That(connection.CloseReason!.Message, Does.Contain("bye"));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task EmptyMessageAndUnknownTokenResponse_AreIgnored(CancellationToken cancellationToken)
    {
        var (connection, peer, log, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;
        var pending = connection.SendAsync(Get("/a"), cancellationToken: cancellationToken);
        var request = await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);

        await peer.SendRawAsync(new byte[] { 0x00, 0x00 }, cancellationToken);
        await peer.SendAsync(CoapMessage.Create(CoapCode.Content, new byte[] { 7, 7, 7, 7, 7, 7, 7, 7 }), cancellationToken);
        await peer.SendAsync(CoapMessage.Create(CoapCode.Content, new byte[] { 7 }), cancellationToken);
        await peer.SendAsync(CoapMessage.ResponseTo(request, CoapCode.Changed).Build(), cancellationToken);
        var response = await pending;

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(connection.IsConnected, Is.True);
            Assert.That(log.WithEventId(1005), Has.Count.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Request_UnknownCriticalOption_Answers402(CancellationToken cancellationToken)
    {
        var handler = DelegateCoapHandler.Echo();
        var (connection, peer, _, _) = StartWithRawPeer(handler: handler);
        using var _ = connection;
        await using var __ = peer;
        var request = CoapMessage.Request(CoapCode.Get, "/a").SetToken(new byte[] { 5, 5, 5, 5, 5, 5, 5, 5 })
            .AddOption(CoapOption.FromUInt(2051, 1)).Build();
        var known = CoapMessage.Request(CoapCode.Get, "/b").SetToken(new byte[] { 6, 6, 6, 6, 6, 6, 6, 6 })
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.OcfAcceptContentFormatVersion, 2048)).AddOption(CoapOption.FromUInt(2050, 1)).Build();

        await peer.SendAsync(request, cancellationToken);
        var response = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);
        await peer.SendAsync(known, cancellationToken);
        var knownResponse = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.BadOption));
            Assert.That(knownResponse.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(handler.Count, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Writes_EveryFrameIsOneWriteCall(CancellationToken cancellationToken)
    {
        var handler = DelegateCoapHandler.Echo();
        var (connection, peer, _, stream) = StartWithRawPeer(handler: handler);
        using var _ = connection;
        await using var __ = peer;
        var requests = Enumerable.Range(0, 20).Select(i => connection.SendAsync(Post("/r", new byte[i * 50]), cancellationToken: cancellationToken)).ToList();
        int answered = 0;
        while (answered < 20)
        {
            var message = await peer.ReadAsync(cancellationToken);
            if (message!.Code.IsRequest)
            {
                await peer.SendAsync(CoapMessage.ResponseTo(message, CoapCode.Changed).Build(), cancellationToken);
                answered++;
            }
        }

        await Task.WhenAll(requests);
        for (int i = 0; i < 5; i++)
        {
            await peer.SendAsync(CoapMessage.Request(CoapCode.Post, "/e").SetToken(new byte[] { 1, 1, 1, 1, 1, 1, 1, (byte)i }).SetPayload(new byte[300]).Build(), cancellationToken);
            await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);
        }

        var writes = stream.Writes;
        Assert.Multiple(() =>
        {
            Assert.That(writes, Has.Count.EqualTo(1 + 20 + 5));
            foreach (byte[] write in writes)
            {
                Assert.That(() => CoapTcpFramer.Decode(write), Throws.Nothing);
            }

            Assert.That(stream.FlushCount, Is.EqualTo(writes.Count));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_TooLargeAndPeerWithoutBlockWise_ThrowsAndSendsNothing(CancellationToken cancellationToken)
    {
        var (connection, peer, _, stream) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;
        await peer.SendAsync(Signal(CoapCode.Csm, CoapOption.FromUInt(CoapSignalingOption.MaxMessageSize, 2048)), cancellationToken);
        await connection.WaitForPeerCsmAsync(cancellationToken);

        var ex = Assert.ThrowsAsync<CoapMessageTooLargeException>(() => connection.SendAsync(Post("/big", new byte[3000]), cancellationToken: cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Limit, Is.EqualTo(2048));
            Assert.That(stream.Writes, Has.Count.EqualTo(1)); // only our CSM
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task KeepAlive_PongsKeepConnectionAndMissesCloseIt(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var options = new CoapConnectionOptions
        {
            KeepAliveInterval = TimeSpan.FromSeconds(20),
            KeepAliveTimeout = TimeSpan.FromSeconds(4),
            KeepAliveMaxMisses = 2,
        };
        var (connection, peer, _, _) = StartWithRawPeer(options, time: time);
        using var _ = connection;
        await using var __ = peer;

        time.Advance(TimeSpan.FromSeconds(20));
        var first = await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
        await peer.SendAsync(CoapMessage.Create(CoapCode.Pong, first.Token), cancellationToken);
        await peer.SendAsync(Signal(CoapCode.Ping), cancellationToken);
        await peer.ReadUntilAsync(CoapCode.Pong, cancellationToken); // the first Pong has been processed by now
        time.Advance(TimeSpan.FromSeconds(20));
        await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(4));
        bool openAfterOneMiss = connection.IsConnected;
        time.Advance(TimeSpan.FromSeconds(16));
        await peer.ReadUntilAsync(CoapCode.Ping, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(4));
        await connection.Completion.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(openAfterOneMiss, Is.True);
            Assert.That(connection.CloseReason?.Kind, Is.EqualTo(CoapConnectionErrorKind.KeepAliveTimeout));
        });
    }
}
