using Dps.Coap.Framing;
using Dps.Testing;

namespace Dps.Coap.Tests.Connection;

public sealed partial class CoapConnectionTests
{
    private static byte[] RandomBody(int length)
    {
        byte[] body = new byte[length];
        new Random(length).NextBytes(body);
        return body;
    }

    private static List<CoapMessage> DecodeWrites(RecordingStream stream) =>
        stream.Writes.Select(w => CoapTcpFramer.Decode(w)).ToList();

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_BodyLargerThanPeerMaxMessageSize_UploadsBlock1AndHandlerGetsWholeBody(CancellationToken cancellationToken)
    {
        byte[] body = RandomBody(10_000);
        byte[]? received = null;
        var handler = new DelegateCoapHandler(context =>
        {
            received = context.Request.Payload.ToArray();
            return CoapMessage.ResponseTo(context.Request, CoapCode.Changed).Build();
        });
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: handler, serverOptions: new CoapConnectionOptions { MaxMessageSize = 1152 }, cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Post("/api/v1/provisioning/credentials", body), cancellationToken: cancellationToken);

        var blocks = DecodeWrites(pair.ClientStream).Where(m => m.Code == CoapCode.Post).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Changed));
            Assert.That(received, Is.EqualTo(body));
            Assert.That(handler.Count, Is.EqualTo(1));
            Assert.That(blocks, Has.Count.EqualTo(10));
            Assert.That(blocks.Select(b => b.Block1!.Value.Number), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (uint)i)));
            Assert.That(blocks.All(b => b.Block1!.Value.SizeExponent == 6), Is.True);
            Assert.That(blocks.All(b => CoapTcpFramer.GetEncodedLength(b) <= 1152), Is.True);
            Assert.That(blocks[0].Options.GetUInt(CoapOptionNumber.Size1), Is.EqualTo(10_000));
            Assert.That(response.Block1, Is.Not.Null);
            Assert.That(pair.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_ResponseLargerThanOurMaxMessageSize_FollowsBlock2Transparently(CancellationToken cancellationToken)
    {
        byte[] body = RandomBody(10_000);
        var handler = new DelegateCoapHandler(context => CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(body, CoapContentFormat.OcfCbor).Build());
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: handler, clientOptions: new CoapConnectionOptions { MaxMessageSize = 1152 }, cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Get("/api/v1/provisioning/acls"), cancellationToken: cancellationToken);

        var requests = DecodeWrites(pair.ClientStream).Where(m => m.Code == CoapCode.Get).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(response.Payload.ToArray(), Is.EqualTo(body));
            Assert.That(response.ContentFormat, Is.EqualTo(CoapContentFormat.OcfCbor));
            Assert.That(response.Block2, Is.Null);
            Assert.That(requests, Has.Count.EqualTo(10));
            Assert.That(handler.Count, Is.EqualTo(1)); // later blocks come from the server's cache
            Assert.That(pair.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_BothSidesSmall_PostUploadsAndDownloadsLargeBodies(CancellationToken cancellationToken)
    {
        byte[] body = RandomBody(5_000);
        var small = new CoapConnectionOptions { MaxMessageSize = 1152 };
        await using var pair = await ConnectionPair.StartAsync(
            DelegateCoapHandler.Echo(), DelegateCoapHandler.Echo(), small, small, cancellationToken: cancellationToken);

        var fromClient = await pair.Client.SendAsync(Post("/echo", body), cancellationToken: cancellationToken);
        var fromServer = await pair.Server.SendAsync(Post("/echo", body), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(fromClient.Payload.ToArray(), Is.EqualTo(body));
            Assert.That(fromServer.Payload.ToArray(), Is.EqualTo(body));
            Assert.That(pair.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_PeerAllowsBert_UsesSzx7BlocksBothWays(CancellationToken cancellationToken)
    {
        byte[] body = RandomBody(50_000);
        var options = new CoapConnectionOptions { MaxMessageSize = 8192 };
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: DelegateCoapHandler.Echo(), clientOptions: options, serverOptions: options, cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Post("/echo", body), cancellationToken: cancellationToken);

        var writes = DecodeWrites(pair.ClientStream).Where(m => m.Code == CoapCode.Post).ToList();
        var uploads = writes.Where(m => m.Block1 is not null).ToList();
        var downloads = writes.Where(m => m.Block2 is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.Payload.ToArray(), Is.EqualTo(body));
            Assert.That(uploads.All(m => m.Block1!.Value.IsBert), Is.True);
            Assert.That(uploads.Take(uploads.Count - 1).All(m => m.Payload.Length % 1024 == 0 && m.Payload.Length > 1024), Is.True);
            Assert.That(uploads.Count, Is.LessThan(10));
            Assert.That(downloads.All(m => m.Block2!.Value.IsBert), Is.True);
            Assert.That(writes.All(m => CoapTcpFramer.GetEncodedLength(m) <= 8192), Is.True);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_UploadOverServerCap_Answers413(CancellationToken cancellationToken)
    {
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: DelegateCoapHandler.Echo(),
            serverOptions: new CoapConnectionOptions { MaxMessageSize = 1152, MaxReassembledBodySize = 4096 },
            cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Post("/echo", RandomBody(10_000)), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.RequestEntityTooLarge));
            Assert.That(response.Options.GetUInt(CoapOptionNumber.Size1), Is.EqualTo(4096));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_DownloadOverOurCap_ThrowsTooLarge(CancellationToken cancellationToken)
    {
        var handler = new DelegateCoapHandler(context => CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(RandomBody(20_000)).Build());
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: handler,
            clientOptions: new CoapConnectionOptions { MaxMessageSize = 1152, MaxReassembledBodySize = 8192 },
            cancellationToken: cancellationToken);

        Assert.That(
            async () => await pair.Client.SendAsync(Get("/big"), cancellationToken: cancellationToken),
            Throws.TypeOf<Blockwise.CoapMessageTooLargeException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_RawServerSendsSmallBlock2Pieces_RequestsEachNextBlock(CancellationToken cancellationToken)
    {
        byte[] body = RandomBody(200);
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        var pending = connection.SendAsync(Get("/res"), cancellationToken: cancellationToken);
        var numbers = new List<uint?>();
        for (int i = 0; i < 4; i++)
        {
            var request = await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
            numbers.Add(request.Block2?.Number);
            int offset = i * 64;
            int length = Math.Min(64, body.Length - offset);
            bool more = offset + length < body.Length;
            await peer.SendAsync(
                CoapMessage.ResponseTo(request, CoapCode.Content)
                    .AddOption(new CoapBlockOption((uint)i, more, 2).ToOption(CoapOptionNumber.Block2))
                    .SetPayload(body.AsMemory(offset, length)).Build(),
                cancellationToken);
        }

        var response = await pending;
        Assert.Multiple(() =>
        {
            Assert.That(numbers, Is.EqualTo(new uint?[] { null, 1, 2, 3 }));
            Assert.That(response.Payload.ToArray(), Is.EqualTo(body));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Block1_FromRawClient_Answers231ThenFinalWithEcho(CancellationToken cancellationToken)
    {
        byte[]? received = null;
        var handler = new DelegateCoapHandler(context =>
        {
            received = context.Request.Payload.ToArray();
            return CoapMessage.ResponseTo(context.Request, CoapCode.Changed).Build();
        });
        var (connection, peer, _, _) = StartWithRawPeer(handler: handler);
        using var _ = connection;
        await using var __ = peer;
        byte[] body = RandomBody(100);
        var codes = new List<CoapCode>();
        CoapMessage? last = null;

        for (int i = 0; i < 4; i++)
        {
            int offset = i * 32;
            int length = Math.Min(32, body.Length - offset);
            bool more = offset + length < body.Length;
            var block = CoapMessage.Request(CoapCode.Put, "/a").SetToken(new byte[] { 1, 2, (byte)i })
                .AddOption(new CoapBlockOption((uint)i, more, 1).ToOption(CoapOptionNumber.Block1))
                .SetPayload(body.AsMemory(offset, length)).Build();
            await peer.SendAsync(block, cancellationToken);
            last = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);
            codes.Add(last.Code);
        }

        Assert.Multiple(() =>
        {
            Assert.That(codes, Is.EqualTo(new[] { CoapCode.Continue, CoapCode.Continue, CoapCode.Continue, CoapCode.Changed }));
            Assert.That(received, Is.EqualTo(body));
            Assert.That(last!.Block1, Is.EqualTo(new CoapBlockOption(3, false, 1)));
            Assert.That(last.Token.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Block1_OutOfSequence_Answers408(CancellationToken cancellationToken)
    {
        var handler = DelegateCoapHandler.Echo();
        var (connection, peer, _, _) = StartWithRawPeer(handler: handler);
        using var _ = connection;
        await using var __ = peer;

        await peer.SendAsync(
            CoapMessage.Request(CoapCode.Put, "/a").SetToken(new byte[] { 1 })
                .AddOption(new CoapBlockOption(2, true, 1).ToOption(CoapOptionNumber.Block1))
                .SetPayload(new byte[32]).Build(),
            cancellationToken);
        var response = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.RequestEntityIncomplete));
            Assert.That(handler.Count, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_OneMebibyteBody_TravelsWholeWithDefaultSizes(CancellationToken cancellationToken)
    {
        byte[] body = RandomBody(1024 * 1024);
        await using var pair = await ConnectionPair.StartAsync(serverHandler: DelegateCoapHandler.Echo(), cancellationToken: cancellationToken);

        var response = await pair.Client.SendAsync(Post("/echo", body), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Payload.Span.SequenceEqual(body), Is.True); // NUnit's element-wise compare is slow for 1 MiB
            Assert.That(pair.ClientStream.Writes.Count(w => w.Length > body.Length), Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_ConcurrentUploadsToOneResource_AreKeptApartByRequestTag(CancellationToken cancellationToken)
    {
        await using var pair = await ConnectionPair.StartAsync(
            serverHandler: DelegateCoapHandler.Echo(), serverOptions: new CoapConnectionOptions { MaxMessageSize = 1152 }, cancellationToken: cancellationToken);
        var bodies = Enumerable.Range(1, 4).Select(i => RandomBody(4000 + i)).ToArray();

        var responses = await Task.WhenAll(bodies.Select(b => pair.Client.SendAsync(Post("/same", b), cancellationToken: cancellationToken)));

        Assert.Multiple(() =>
        {
            for (int i = 0; i < bodies.Length; i++)
            {
                Assert.That(responses[i].Payload.ToArray(), Is.EqualTo(bodies[i]));
            }

            Assert.That(pair.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendAsync_Block2ETagChangesBetweenPieces_ThrowsInvalidData(CancellationToken cancellationToken)
    {
        var (connection, peer, _, _) = StartWithRawPeer();
        using var _ = connection;
        await using var __ = peer;

        var pending = connection.SendAsync(Get("/res"), cancellationToken: cancellationToken);
        for (int i = 0; i < 2; i++)
        {
            var request = await peer.ReadUntilAsync(CoapCode.Get, cancellationToken);
            await peer.SendAsync(
                CoapMessage.ResponseTo(request, CoapCode.Content)
                    .AddOption(new CoapOption(CoapOptionNumber.ETag, new byte[] { (byte)i }))
                    .AddOption(new CoapBlockOption((uint)i, true, 2).ToOption(CoapOptionNumber.Block2))
                    .SetPayload(new byte[64]).Build(),
                cancellationToken);
        }

        Assert.That(async () => await pending, Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task SendResponse_Sliced_CarriesETagOfWholeBody(CancellationToken cancellationToken)
    {
        var handler = new DelegateCoapHandler(context => CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(RandomBody(3000)).Build());
        var (connection, peer, _, _) = StartWithRawPeer(handler: handler);
        using var _ = connection;
        await using var __ = peer;
        await peer.SendAsync(Signal(CoapCode.Csm, CoapOption.Empty(CoapSignalingOption.BlockWiseTransfer)), cancellationToken);
        await connection.WaitForPeerCsmAsync(cancellationToken);

        await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/big").SetToken(new byte[] { 1 }).Build(), cancellationToken);
        var first = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);
        await peer.SendAsync(CoapMessage.Request(CoapCode.Get, "/big").SetToken(new byte[] { 2 })
            .AddOption(new CoapBlockOption(1, false, 6).ToOption(CoapOptionNumber.Block2)).Build(), cancellationToken);
        var second = await peer.ReadUntilAsync(m => m.Code.IsResponse, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Block2, Is.EqualTo(new CoapBlockOption(0, true, 6)));
            Assert.That(second.Block2, Is.EqualTo(new CoapBlockOption(1, true, 6)));
            Assert.That(first.Options.GetString(CoapOptionNumber.ETag), Is.Not.Null);
            Assert.That(second.Options.TryGet(CoapOptionNumber.ETag, out var etag) && first.Options.TryGet(CoapOptionNumber.ETag, out var firstTag)
                && etag.Value.Span.SequenceEqual(firstTag.Value.Span), Is.True);
            Assert.That(handler.Count, Is.EqualTo(1));
        });
    }
}
