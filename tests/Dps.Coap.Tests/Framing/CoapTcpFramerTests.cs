using System.Buffers;
using Dps.Coap.Framing;

namespace Dps.Coap.Tests.Framing;

public sealed class CoapTcpFramerTests
{
    // GET /time with token 10AB, as libcoap accepted it.
    [TestCase("520110abb474696d65")]
    // libcoap's CSM: Max-Message-Size 8388864, Block-Wise-Transfer.
    [TestCase("50e12380010020")]
    public void Decode_ThenEncode_IsByteExact(string hex)
    {
        byte[] frame = Convert.FromHexString(hex);

        var message = CoapTcpFramer.Decode(frame);

        Assert.That(Convert.ToHexString(CoapTcpFramer.Encode(message)), Is.EqualTo(hex.ToUpperInvariant()));
    }

    [Test]
    public void TryRead_ShortInput_ReturnsFalseAndConsumesNothing()
    {
        byte[] frame = Convert.FromHexString("520110abb474696d65");
        for (int i = 0; i < frame.Length; i++)
        {
            var sequence = new ReadOnlySequence<byte>(frame, 0, i);

            bool read = CoapTcpFramer.TryRead(ref sequence, 1152, out _);

            Assert.Multiple(() =>
            {
                Assert.That(read, Is.False);
                Assert.That(sequence.Length, Is.EqualTo(i));
            });
        }
    }
}
