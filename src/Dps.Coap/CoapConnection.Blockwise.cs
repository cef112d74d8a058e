using System.Buffers;
using System.Text;
using Dps.Coap.Blockwise;
using Dps.Coap.Framing;
using Dps.Coap.Internal;

namespace Dps.Coap;

public sealed partial class CoapConnection
{
    private const int MaxBlockStates = 32;
    private static readonly TimeSpan BlockStateLifetime = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, BlockState> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BlockState> _downloads = new(StringComparer.Ordinal);

    /// <summary>Sends a body too large for one frame as Block1 pieces (BERT when allowed); returns the final response.</summary>
    private async Task<CoapMessage> UploadAsync(CoapMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var body = request.Payload;
        var headerBuilder = request.ToBuilder().SetPayload(default).RemoveOption(CoapOptionNumber.Block1).RemoveOption(CoapOptionNumber.Size1);
        if (!request.Options.Contains(CoapOptionNumber.RequestTag))
        {
            // Keeps concurrent uploads to one resource apart at the server (RFC 9175).
            headerBuilder.AddOption(new CoapOption(CoapOptionNumber.RequestTag, NewToken().AsMemory(0, 4)));
        }

        var header = headerBuilder.Build();
        var peer = PeerSettings;
        int available = peer.MaxMessageSize - BlockSizing.HeaderRoom(header);
        if (!BlockSizing.TryChoose(available, peer.MaxMessageSize > CoapTcpFramer.DefaultMaxMessageSize, CoapBlockOption.Bert, out int szx, out int length))
        {
            throw new CoapMessageTooLargeException(
                $"The {request.Code} {request.UriPath} request's options leave no room for a block within the peer's Max-Message-Size {peer.MaxMessageSize}.",
                body.Length,
                peer.MaxMessageSize);
        }

        int offset = 0;
        while (true)
        {
            int unit = BlockSizing.Unit(szx);
            int chunk = Math.Min(length, body.Length - offset);
            bool more = offset + chunk < body.Length;
            var block = new CoapBlockOption((uint)(offset / unit), more, szx);
            if (block.Number > CoapBlockOption.MaxNumber)
            {
                throw new CoapMessageTooLargeException($"A body of {body.Length} bytes needs more blocks than Block1 can number.", body.Length, offset);
            }

            var message = header.ToBuilder()
                .SetOption(CoapOptionNumber.Block1, block.Encode())
                .SetOption(CoapOptionNumber.Size1, (uint)body.Length)
                .SetPayload(body.Slice(offset, chunk))
                .Build();
            Log.BlockTransferred(_logger, request.Code, request.UriPath, "1:" + block);
            var response = await ExchangeAsync(message, timeout, null, null, cancellationToken).ConfigureAwait(false);
            if (!more || response.Code != CoapCode.Continue)
            {
                return response;
            }

            offset += chunk;
            if (response.Block1 is { } acknowledged && acknowledged.SizeExponent < szx)
            {
                // The server asks for smaller blocks (RFC 7959 §2.5).
                szx = acknowledged.SizeExponent;
                length = BlockSizing.Unit(szx);
            }
        }
    }

    /// <summary>Follows a Block2 response, requesting the remaining blocks; returns one response with the whole body.</summary>
    private async Task<CoapMessage> DownloadAsync(CoapMessage request, CoapMessage first, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var follow = request.ToBuilder()
            .SetPayload(default)
            .RemoveOption(CoapOptionNumber.Block1)
            .RemoveOption(CoapOptionNumber.Size1)
            .RemoveOption(CoapOptionNumber.Observe)
            .RemoveOption(CoapOptionNumber.Block2)
            .Build();
        var body = new ArrayBufferWriter<byte>(Math.Max(first.Payload.Length * 2, 256));
        body.Write(first.Payload.Span);
        var block = first.Block2!.Value;
        while (block.More)
        {
            if (body.WrittenCount > _options.MaxReassembledBodySize)
            {
                throw new CoapMessageTooLargeException(
                    $"The Block2 body of {request.UriPath} exceeds the cap of {_options.MaxReassembledBodySize} bytes.",
                    body.WrittenCount,
                    _options.MaxReassembledBodySize);
            }

            int unit = BlockSizing.Unit(block.SizeExponent);
            if (body.WrittenCount % unit != 0)
            {
                throw new CoapFormatException($"A Block2 piece of {request.UriPath} is not a whole number of {unit}-byte blocks.");
            }

            var next = new CoapBlockOption((uint)(body.WrittenCount / unit), false, block.SizeExponent);
            var message = follow.ToBuilder().SetOption(CoapOptionNumber.Block2, next.Encode()).Build();
            Log.BlockTransferred(_logger, request.Code, request.UriPath, "2:" + next);
            var response = await ExchangeAsync(message, timeout, null, null, cancellationToken).ConfigureAwait(false);
            if (!response.Code.IsSuccess || response.Block2 is not { } received)
            {
                return response;
            }

            if ((long)received.Number * BlockSizing.Unit(received.SizeExponent) != body.WrittenCount)
            {
                throw new CoapFormatException($"Block2 {received} of {request.UriPath} does not continue at byte {body.WrittenCount}.");
            }

            if (!SameETag(first, response))
            {
                throw new InvalidDataException($"The representation of {request.UriPath} changed during the Block2 transfer (ETag differs).");
            }

            body.Write(response.Payload.Span);
            block = received;
        }

        if (body.WrittenCount > _options.MaxReassembledBodySize)
        {
            throw new CoapMessageTooLargeException(
                $"The Block2 body of {request.UriPath} exceeds the cap of {_options.MaxReassembledBodySize} bytes.",
                body.WrittenCount,
                _options.MaxReassembledBodySize);
        }

        return first.ToBuilder()
            .RemoveOption(CoapOptionNumber.Block2)
            .RemoveOption(CoapOptionNumber.Size2)
            .SetPayload(body.WrittenMemory.ToArray())
            .Build();
    }

    /// <summary>Takes one Block1 piece of an upload: a reply to send now, or the reassembled request.</summary>
    private (CoapMessage? Reply, CoapMessage? Request) ReceiveBlock1(CoapMessage request, CoapBlockOption block)
    {
        string key = BlockKey(request, includeRequestTag: true);
        long offset = (long)block.Number * BlockSizing.Unit(block.SizeExponent);
        var now = _timeProvider.GetUtcNow();
        lock (_uploads)
        {
            BlockState? state;
            if (block.Number == 0)
            {
                state = new BlockState(now);
                Put(_uploads, key, state, now);
            }
            else if (!_uploads.TryGetValue(key, out state) || state.Body.WrittenCount != offset)
            {
                _uploads.Remove(key);
                return (ErrorResponse(request, CoapCode.RequestEntityIncomplete, "Block1 out of sequence."), null);
            }

            if (state.Body.WrittenCount + request.Payload.Length > _options.MaxReassembledBodySize)
            {
                _uploads.Remove(key);
                var tooLarge = CoapMessage.ResponseTo(request, CoapCode.RequestEntityTooLarge)
                    .SetOption(CoapOptionNumber.Size1, (uint)_options.MaxReassembledBodySize)
                    .SetPayload(Encoding.UTF8.GetBytes("The body is too large."))
                    .Build();
                return (tooLarge, null);
            }

            state.Body.Write(request.Payload.Span);
            if (block.More)
            {
                var reply = CoapMessage.ResponseTo(request, CoapCode.Continue)
                    .AddOption(new CoapBlockOption(block.Number, true, block.SizeExponent).ToOption(CoapOptionNumber.Block1))
                    .Build();
                return (reply, null);
            }

            _uploads.Remove(key);
            var whole = request.ToBuilder()
                .RemoveOption(CoapOptionNumber.Block1)
                .RemoveOption(CoapOptionNumber.Size1)
                .SetPayload(state.Body.WrittenMemory.ToArray())
                .Build();
            return (null, whole);
        }
    }

    /// <summary>Sends a response, in Block2 pieces when it does not fit the peer or the request asked for a block.</summary>
    private async Task SendResponseAsync(CoapMessage request, CoapMessage response, CoapBlockOption? requested, CancellationToken cancellationToken)
    {
        if (!response.Token.Span.SequenceEqual(request.Token.Span))
        {
            response = response.WithToken(request.Token);
        }

        var peer = PeerSettings;
        int size = CoapTcpFramer.GetEncodedLength(response);
        bool fits = size <= peer.MaxMessageSize;
        bool wantsBlock = requested is { } r && (r.Number > 0 || response.Payload.Length > BlockSizing.Unit(r.SizeExponent));
        if ((fits && !wantsBlock) || response.Options.Contains(CoapOptionNumber.Block2))
        {
            await WriteFrameAsync(response, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!CanUseBlockWise(peer) && requested is null)
        {
            Log.ResponseTooLarge(_logger, response.Code, size, peer.MaxMessageSize);
            await WriteFrameAsync(ErrorResponse(request, CoapCode.InternalServerError, "The response is too large for the peer."), cancellationToken).ConfigureAwait(false);
            return;
        }

        int available = peer.MaxMessageSize - BlockSizing.HeaderRoom(response);
        bool bert = CanUseBlockWise(peer) && peer.MaxMessageSize > CoapTcpFramer.DefaultMaxMessageSize;
        if (!BlockSizing.TryChoose(available, bert, requested?.SizeExponent ?? CoapBlockOption.Bert, out int szx, out int length))
        {
            Log.ResponseTooLarge(_logger, response.Code, size, peer.MaxMessageSize);
            await WriteFrameAsync(ErrorResponse(request, CoapCode.InternalServerError, "The response is too large for the peer."), cancellationToken).ConfigureAwait(false);
            return;
        }

        var payload = response.Payload;
        long offset = requested is { } asked ? (long)asked.Number * BlockSizing.Unit(asked.SizeExponent) : 0;
        if (offset > 0 && offset >= payload.Length)
        {
            await WriteFrameAsync(ErrorResponse(request, CoapCode.BadOption, "The block is beyond the end of the body."), cancellationToken).ConfigureAwait(false);
            return;
        }

        int chunk = (int)Math.Min(length, payload.Length - offset);
        bool more = offset + chunk < payload.Length;
        var block = new CoapBlockOption((uint)(offset / BlockSizing.Unit(szx)), more, szx);
        if (!response.Options.Contains(CoapOptionNumber.ETag))
        {
            // Lets the client notice a representation that changed between blocks (RFC 7959 §2.4).
            response = response.ToBuilder().AddOption(new CoapOption(CoapOptionNumber.ETag, EntityTag(payload.Span))).Build();
        }

        var builder = response.ToBuilder()
            .SetOption(CoapOptionNumber.Block2, block.Encode())
            .SetPayload(payload.Slice((int)offset, chunk));
        if (offset == 0)
        {
            builder.SetOption(CoapOptionNumber.Size2, (uint)payload.Length);
        }

        string key = BlockKey(request, includeRequestTag: false);
        var now = _timeProvider.GetUtcNow();
        lock (_downloads)
        {
            if (more)
            {
                var cached = response.ToBuilder().RemoveOption(CoapOptionNumber.Observe).Build();
                Put(_downloads, key, new BlockState(now) { Response = cached }, now);
            }
            else
            {
                _downloads.Remove(key);
            }
        }

        Log.BlockTransferred(_logger, response.Code, request.UriPath, "2:" + block);
        await WriteFrameAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
    }

    private static byte[] EntityTag(ReadOnlySpan<byte> payload) =>
        System.Security.Cryptography.SHA256.HashData(payload)[..8];

    private static bool SameETag(CoapMessage first, CoapMessage next)
    {
        bool hasFirst = first.Options.TryGet(CoapOptionNumber.ETag, out var a);
        bool hasNext = next.Options.TryGet(CoapOptionNumber.ETag, out var b);
        return hasFirst == hasNext && (!hasFirst || a.Value.Span.SequenceEqual(b.Value.Span));
    }

    private bool TryGetCachedBody(CoapMessage request, out CoapMessage response)
    {
        string key = BlockKey(request, includeRequestTag: false);
        var now = _timeProvider.GetUtcNow();
        lock (_downloads)
        {
            if (_downloads.TryGetValue(key, out var state) && state.Response is { } cached && now - state.Started < BlockStateLifetime)
            {
                response = cached;
                return true;
            }
        }

        response = null!;
        return false;
    }

    private static void Put(Dictionary<string, BlockState> states, string key, BlockState state, DateTimeOffset now)
    {
        if (states.Count >= MaxBlockStates && !states.ContainsKey(key))
        {
            string? oldest = null;
            var oldestTime = DateTimeOffset.MaxValue;
            foreach (var pair in states)
            {
                if (now - pair.Value.Started >= BlockStateLifetime || pair.Value.Started < oldestTime)
                {
                    oldest = pair.Key;
                    oldestTime = pair.Value.Started;
                }
            }

            if (oldest is not null)
            {
                states.Remove(oldest);
            }
        }

        states[key] = state;
    }

    /// <summary>
    /// What identifies a block-wise transfer: method and the options other than block, size,
    /// observe and content format; Request-Tag only for uploads (Block2 follow-ups do not repeat it).
    /// </summary>
    private static string BlockKey(CoapMessage request, bool includeRequestTag)
    {
        var builder = new StringBuilder();
        builder.Append(request.Code.Value);
        foreach (var option in request.Options)
        {
            switch (option.Number)
            {
                case CoapOptionNumber.Block1:
                case CoapOptionNumber.Block2:
                case CoapOptionNumber.Size1:
                case CoapOptionNumber.Size2:
                case CoapOptionNumber.Observe:
                case CoapOptionNumber.ContentFormat:
                    continue;
                case CoapOptionNumber.RequestTag when !includeRequestTag:
                    continue;
                default:
                    builder.Append(';').Append(option.Number).Append('=').Append(Convert.ToHexString(option.Value.Span));
                    break;
            }
        }

        return builder.ToString();
    }

    private sealed class BlockState(DateTimeOffset started)
    {
        public DateTimeOffset Started { get; } = started;

        public ArrayBufferWriter<byte> Body { get; } = new();

        public CoapMessage? Response { get; init; }
    }
}
