using Dps.Coap.Tests.Framing;
using Dps.Coap.Tests.Vectors;
using Dps.Testing;

namespace Dps.Coap.Tests.Connection;

/// <summary>
/// Hostile bytes through a whole connection, not only the framer: a peer sends corrupted and
/// truncated frames back to back; the connection answers, aborts or closes, and always ends
/// cleanly, with no exception escaping and no hang.
/// </summary>
public sealed class CoapConnectionMutationTests
{
    private const int Connections = 2_000;
    private const int FramesPerConnection = 50;

    [Test]
    [CancelAfter(300_000)]
    public async Task Connection_100000MutatedFrames_EndsCleanlyEveryTime(CancellationToken cancellationToken)
    {
        var corpus = CoapVectors.All.Select(v => Convert.FromHexString(v.Hex)).ToArray();
        var random = new Random(8323);
        var kinds = new Dictionary<CoapConnectionErrorKind, int>();
        int frames = 0;

        for (int round = 0; round < Connections; round++)
        {
            var (device, hostile) = DuplexPipe.CreatePair();
            var connection = new CoapConnection(device, new CoapConnectionOptions { AssumePeerMaxMessageSize = 64 * 1024 }, DelegateCoapHandler.Echo());
            connection.Start();
            var drained = DrainAsync(hostile, cancellationToken);
            using var input = new MemoryStream();
            for (int i = 0; i < FramesPerConnection; i++)
            {
                input.Write(CoapTcpFramerTests.Mutate(corpus[random.Next(corpus.Length)], random));
                frames++;
            }

            byte[] bytes = input.ToArray();
            try
            {
                for (int offset = 0; offset < bytes.Length;)
                {
                    int chunk = Math.Min(bytes.Length - offset, random.Next(1, 512));
                    await hostile.WriteAsync(bytes.AsMemory(offset, chunk), cancellationToken);
                    offset += chunk;
                }
            }
            catch (IOException)
            {
                // The connection aborted and stopped reading: what a hostile peer should get.
            }

            hostile.CompleteWrites();
            await connection.Completion.WaitAsync(cancellationToken);
            await drained;
            var kind = connection.CloseReason?.Kind ?? CoapConnectionErrorKind.ClosedLocally;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            await connection.DisposeAsync();
            await hostile.DisposeAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(frames, Is.GreaterThanOrEqualTo(100_000));
            Assert.That(kinds.Keys, Is.SubsetOf(new[] { CoapConnectionErrorKind.ProtocolError, CoapConnectionErrorKind.PeerClosed, CoapConnectionErrorKind.PeerAborted, CoapConnectionErrorKind.PeerReleased }));
            // Both outcomes must actually happen, or the corpus is not exercising the connection.
            Assert.That(kinds.GetValueOrDefault(CoapConnectionErrorKind.ProtocolError), Is.GreaterThan(Connections / 10), string.Join(", ", kinds));
        });
    }

    private static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, cancellationToken) > 0)
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
}
