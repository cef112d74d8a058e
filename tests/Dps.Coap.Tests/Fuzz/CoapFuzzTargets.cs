using System.Buffers;
using Dps.Coap.Framing;
using Dps.Coap.Tests.Vectors;
using Dps.Fuzz;
using Dps.Testing;

namespace Dps.Coap.Tests.Fuzz;

/// <summary>The CoAP-over-TCP frame reader and a whole connection fed by a hostile peer.</summary>
internal static class CoapFuzzTargets
{
    private static readonly TimeSpan ConnectionDeadline = TimeSpan.FromSeconds(10);

    public static IEnumerable<FuzzTarget> All()
    {
        var frames = Corpus();

        // One input = a byte stream of frames, read the way a connection does (frame after frame), once
        // whole and once cut in two chunks; a frame read must re-encode to the bytes it consumed.
        yield return new FuzzTarget("CoapTcpFramer.TryRead", FuzzInputKind.Binary, frames, input =>
        {
            ReadAll(new ReadOnlySequence<byte>(input), 8192);
            if (input.Length > 1)
            {
                ReadAll(Split(input, input.Length / 2), 256);
            }
        }, typeof(CoapFormatException));

        yield return new FuzzTarget("CoapTcpFramer.Decode", FuzzInputKind.Binary, frames, input =>
        {
            var message = CoapTcpFramer.Decode(input);
            _ = CoapTcpFramer.Encode(message);
        }, typeof(CoapFormatException));

        // Streams of several frames back to back, delivered to a live connection over an in-memory pipe.
        byte[][] streams =
        [
            .. frames,
            [.. frames.SelectMany(f => f)],
            [.. Convert.FromHexString(CoapVectors.DpsServerCsm), .. Convert.FromHexString(CoapVectors.TimeRequest)],
        ];
        yield return new FuzzTarget("CoapConnection (hostile peer)", FuzzInputKind.Binary, streams, RunConnection)
        {
            UnitTestInputs = 1_000,
        };
    }

    private static void ReadAll(ReadOnlySequence<byte> sequence, int maxMessageSize)
    {
        while (true)
        {
            var before = sequence;
            if (!CoapTcpFramer.TryRead(ref sequence, maxMessageSize, out var message))
            {
                if (!sequence.Equals(before) || message is not null)
                {
                    throw new FuzzCheckException("TryRead returned false but consumed input or produced a message");
                }

                return;
            }

            if (message is null)
            {
                throw new FuzzCheckException("TryRead returned true without a message");
            }

            var consumed = before.Slice(0, before.Length - sequence.Length).ToArray();
            if (consumed.Length == 0)
            {
                throw new FuzzCheckException("TryRead returned a message without consuming input");
            }

            // Re-decoding what was consumed must give the same message (the encoder may normalise lengths).
            var again = CoapTcpFramer.Decode(CoapTcpFramer.Encode(message));
            if (again.Code != message.Code || !again.Token.Span.SequenceEqual(message.Token.Span) || !again.Payload.Span.SequenceEqual(message.Payload.Span))
            {
                throw new FuzzCheckException("a decoded frame does not survive encode + decode");
            }
        }
    }

    private static ReadOnlySequence<byte> Split(byte[] input, int cut) =>
        Framing.ChunkedSequence.Create(input, [cut]);

    private static void RunConnection(byte[] input)
    {
        using var deadline = new CancellationTokenSource(ConnectionDeadline);
        try
        {
            RunConnectionAsync(input, deadline.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new FuzzCheckException($"the connection did not end within {ConnectionDeadline.TotalSeconds} s");
        }
    }

    private static async Task RunConnectionAsync(byte[] input, CancellationToken cancellationToken)
    {
        var (device, hostile) = DuplexPipe.CreatePair();
        var connection = new CoapConnection(device, new CoapConnectionOptions { AssumePeerMaxMessageSize = 64 * 1024 }, DelegateCoapHandler.Echo());
        try
        {
            connection.Start();
            var drained = DrainAsync(hostile, cancellationToken);
            try
            {
                await hostile.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The connection aborted and stopped reading.
            }

            hostile.CompleteWrites();
            await connection.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            await drained.ConfigureAwait(false);
            var kind = connection.CloseReason?.Kind ?? CoapConnectionErrorKind.ClosedLocally;
            if (kind is not (CoapConnectionErrorKind.ProtocolError or CoapConnectionErrorKind.PeerClosed
                or CoapConnectionErrorKind.PeerAborted or CoapConnectionErrorKind.PeerReleased))
            {
                throw new FuzzCheckException($"the connection ended with {kind}");
            }
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            await hostile.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static byte[][] Corpus()
    {
        var frames = CoapVectors.All.Select(v => Convert.FromHexString(v.Hex)).ToList();
        frames.Add(Convert.FromHexString("00e2"));
        frames.Add(Convert.FromHexString("50e12380010020"));
        frames.Add(CoapTcpFramer.Encode(CoapMessage.Request(CoapCode.Post, "/api/v1/provisioning/credentials")
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.Block2, 0x1E))
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.Observe, 0))
            .SetPayload(new byte[300], CoapContentFormat.OcfCbor)
            .Build()));
        return [.. frames];
    }
}
