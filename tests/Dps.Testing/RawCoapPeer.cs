using System.IO.Pipelines;
using Dps.Coap;
using Dps.Coap.Framing;

namespace Dps.Testing;

/// <summary>
/// A scripted CoAP-over-TCP peer for tests: reads whole frames from a stream and writes frames or
/// raw bytes, with no behaviour of its own (no CSM, no Pong unless the script sends them).
/// </summary>
public sealed class RawCoapPeer : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PipeReader _reader;

    /// <summary>Wraps <paramref name="stream"/> (disposed with the peer).</summary>
    public RawCoapPeer(Stream stream)
    {
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    /// <summary>Largest frame accepted when reading.</summary>
    public int MaxMessageSize { get; set; } = CoapTcpFramer.AbsoluteMaxMessageSize;

    /// <summary>The next frame, or null when the other side closed.</summary>
    public async Task<CoapMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
            catch (IOException)
            {
                return null;
            }

            var buffer = result.Buffer;
            if (CoapTcpFramer.TryRead(ref buffer, MaxMessageSize, out var message))
            {
                _reader.AdvanceTo(buffer.Start);
                return message;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    /// <summary>The next frame that matches <paramref name="predicate"/>, skipping others; throws at EOF.</summary>
    public async Task<CoapMessage> ReadUntilAsync(Func<CoapMessage, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        while (true)
        {
            var message = await ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new EndOfStreamException("The connection closed before the expected frame.");
            if (predicate(message))
            {
                return message;
            }
        }
    }

    /// <summary>The next frame with this code, skipping others.</summary>
    public Task<CoapMessage> ReadUntilAsync(CoapCode code, CancellationToken cancellationToken = default) =>
        ReadUntilAsync(m => m.Code == code, cancellationToken);

    /// <summary>Writes one frame.</summary>
    public Task SendAsync(CoapMessage message, CancellationToken cancellationToken = default) =>
        SendRawAsync(CoapTcpFramer.Encode(message), cancellationToken);

    /// <summary>Writes raw bytes.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads until the other side closes; returns the frames that came before.</summary>
    public async Task<IReadOnlyList<CoapMessage>> ReadToEndAsync(CancellationToken cancellationToken = default)
    {
        var messages = new List<CoapMessage>();
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
