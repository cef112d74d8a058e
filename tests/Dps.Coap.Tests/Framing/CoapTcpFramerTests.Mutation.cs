using System.Buffers;
using Dps.Coap.Framing;
using Dps.Coap.Tests.Vectors;

namespace Dps.Coap.Tests.Framing;

/// <summary>Corrupted, truncated and re-chunked input: only valid messages or <see cref="CoapFormatException"/>.</summary>
public sealed partial class CoapTcpFramerTests
{
    private const int MutationSeed = 8323;

    [Test]
    [CancelAfter(60_000)]
    public void TryRead_MutatedFrames_GiveValidMessagesOrFormatErrorsOnly(CancellationToken cancellationToken)
    {
        const int Rounds = 100_000;
        var random = new Random(MutationSeed);
        byte[][] corpus = MutationCorpus();
        var failures = new List<string>();
        int messages = 0;
        int rejected = 0;
        int incomplete = 0;

        for (int round = 0; round < Rounds && failures.Count < 5; round++)
        {
            if ((round & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            byte[] input = Mutate(corpus[random.Next(corpus.Length)], random);
            int maxMessageSize = random.Next(4) == 0 ? 256 : 8192;
            var sequence = random.Next(3) == 0
                ? ChunkedSequence.Create(input, RandomCuts(input.Length, random.Next(1, 5), random))
                : new ReadOnlySequence<byte>(input);
            try
            {
                // Read frame after frame, as a connection would, until the input runs dry or is rejected.
                while (true)
                {
                    var before = sequence;
                    bool read;
                    CoapMessage? message;
                    try
                    {
                        read = CoapTcpFramer.TryRead(ref sequence, maxMessageSize, out message);
                    }
                    catch (CoapFormatException)
                    {
                        rejected++;
                        if (!sequence.Equals(before))
                        {
                            failures.Add($"round {round}: consumed input before throwing: {Describe(input)}");
                        }

                        break;
                    }

                    if (!read)
                    {
                        incomplete++;
                        if (!sequence.Equals(before) || message is not null)
                        {
                            failures.Add($"round {round}: false but consumed or produced: {Describe(input)}");
                        }

                        break;
                    }

                    messages++;
                    string? problem = CheckMessage(message!, before.Slice(0, before.Length - sequence.Length).ToArray());
                    if (problem is not null)
                    {
                        failures.Add($"round {round}: {problem}: {Describe(input)}");
                        break;
                    }
                }
            }
#pragma warning disable CA1031 // The test records any exception other than the expected one.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures.Add($"round {round}: {exception.GetType().Name} {exception.Message}: {Describe(input)}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);

            // The mutations must exercise every outcome, or the test proves little.
            Assert.That(messages, Is.GreaterThan(Rounds / 10));
            Assert.That(rejected, Is.GreaterThan(Rounds / 10));
            Assert.That(incomplete, Is.GreaterThan(Rounds / 10));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public void TryRead_ValidFramesInRandomChunks_ReassemblesEveryFrame(CancellationToken cancellationToken)
    {
        var random = new Random(MutationSeed + 1);
        byte[][] frames = MutationCorpus();
        byte[] stream = [.. frames.SelectMany(f => f)];

        for (int round = 0; round < 100; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] cuts = RandomCuts(stream.Length, random.Next(1, 300), random);
            var chunks = ChunkedSequence.Create(stream, cuts);
            var received = new List<ReadOnlyMemory<byte>>();
            long receivedLength = 0;
            long consumed = 0;
            var read = new List<byte[]>();

            // Deliver one chunk at a time; after each, read every complete frame.
            foreach (var chunk in chunks)
            {
                received.Add(chunk);
                receivedLength += chunk.Length;
                var buffer = ChunkedSequence.Create(received).Slice(consumed);
                while (CoapTcpFramer.TryRead(ref buffer, CoapTcpFramer.AbsoluteMaxMessageSize, out var message))
                {
                    read.Add(CoapTcpFramer.Encode(message!));
                }

                consumed = receivedLength - buffer.Length;
            }

            if (read.Count != frames.Length || !read.Zip(frames).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
            {
                Assert.Fail($"round {round}: {read.Count} of {frames.Length} frames reassembled from cuts {string.Join(',', cuts)}");
            }
        }
    }

    /// <summary>Checks a message read from mutated input: it re-encodes to the bytes it came from, and reads back the same.</summary>
    private static string? CheckMessage(CoapMessage message, byte[] frame)
    {
        byte[] encoded = CoapTcpFramer.Encode(message);
        if (!encoded.AsSpan().SequenceEqual(frame))
        {
            return "re-encoding differs";
        }

        var again = CoapTcpFramer.Decode(encoded);
        if (!CoapTcpFramer.Encode(again).AsSpan().SequenceEqual(encoded)
            || again.Code != message.Code
            || !again.Token.Span.SequenceEqual(message.Token.Span)
            || !again.Payload.Span.SequenceEqual(message.Payload.Span)
            || again.Options.Count != message.Options.Count)
        {
            return "decoding the re-encoding differs";
        }

        // Every reader of a decoded message either works or throws CoapFormatException.
        _ = message.ToString();
        _ = message.UriPath;
        _ = message.UriQuery;
        _ = message.LocationPath;
        _ = message.GetQueryParameter("rt");
        int previous = 0;
        foreach (var option in message.Options)
        {
            if (option.Number < previous)
            {
                return "options out of order";
            }

            previous = option.Number;
        }

        TryRead(() => message.ContentFormat);
        TryRead(() => message.Accept);
        TryRead(() => message.Observe);
        TryRead(() => message.Block1);
        TryRead(() => message.Block2);
        return null;
    }

    /// <summary>The input's length and its first bytes, enough to rebuild the case with the seed.</summary>
    private static string Describe(byte[] input) =>
        $"{input.Length} bytes {Convert.ToHexStringLower(input.AsSpan(0, Math.Min(input.Length, 64)))}{(input.Length > 64 ? "…" : string.Empty)}";

    private static void TryRead<T>(Func<T> read)
    {
        try
        {
            _ = read();
        }
        catch (CoapFormatException)
        {
            // Expected for option values too long for their format.
        }
    }

    internal static byte[] Mutate(byte[] frame, Random random)
    {
        var bytes = new List<byte>(frame);
        int mutations = random.Next(1, 4);
        for (int i = 0; i < mutations; i++)
        {
            switch (random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    // Bit flip, biased to the header where the lengths live.
                    int position = random.Next(2) == 0 ? random.Next(Math.Min(bytes.Count, 24)) : random.Next(bytes.Count);
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(random.Next(bytes.Count));
                    break;
                case 3:
                    // Truncation.
                    int keep = random.Next(bytes.Count + 1);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
                case 4 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 5:
                    byte[] noise = new byte[random.Next(0, 48)];
                    random.NextBytes(noise);
                    return noise;
                case 6 when bytes.Count > 0:
                    // Overwrite the first byte (Len|TKL) with a random one.
                    bytes[0] = (byte)random.Next(256);
                    break;
                default:
                    // Append another frame's start: frames back to back.
                    bytes.AddRange(Convert.FromHexString(CoapVectors.HubServerPing).AsSpan(0, random.Next(11)).ToArray());
                    break;
            }
        }

        return [.. bytes];
    }

    private static int[] RandomCuts(int length, int count, Random random)
    {
        var cuts = new SortedSet<int>();
        for (int i = 0; i < count; i++)
        {
            cuts.Add(random.Next(length + 1));
        }

        return [.. cuts];
    }

    private static byte[][] MutationCorpus()
    {
        var frames = CoapVectors.All.Select(v => Convert.FromHexString(v.Hex)).ToList();
        frames.Add(Convert.FromHexString("00e2"));
        frames.Add(Convert.FromHexString("50e12380010020"));
        frames.Add(CoapTcpFramer.Encode(CoapMessage.Request(CoapCode.Get, "/" + new string('a', 13) + "/" + new string('b', 300))
            .AddOption(CoapOption.Empty(65535))
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.Block2, 0x1E))
            .AddOption(CoapOption.FromUInt(CoapOptionNumber.Observe, 0x01020304))
            .SetPayload(new byte[20])
            .Build()));
        return [.. frames];
    }
}
