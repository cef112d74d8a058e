using Dps.Coap.Framing;

namespace Dps.Coap.Internal;

/// <summary>Block sizes for RFC 7959 / RFC 8323 §6 (BERT) transfers.</summary>
internal static class BlockSizing
{
    /// <summary>Bytes a frame needs beyond the message without payload: marker, Block and Size options, longer length field, token.</summary>
    public const int Overhead = 1 + 5 + 7 + 4 + 8;

    /// <summary>Bytes per unit of the block number: 16·2^SZX, 1024 for BERT.</summary>
    public static int Unit(int szx) => szx == CoapBlockOption.Bert ? 1024 : 16 << szx;

    /// <summary>The frame size of <paramref name="message"/> without payload, plus room for block options.</summary>
    public static int HeaderRoom(CoapMessage message) =>
        CoapTcpFramer.GetEncodedLength(CoapMessage.Create(message.Code, default, message.Options, default)) + Overhead;

    /// <summary>
    /// Chooses the block size for <paramref name="available"/> payload bytes: BERT (a multiple of
    /// 1024) when allowed, else the largest SZX ≤ <paramref name="maxSzx"/> that fits.
    /// </summary>
    public static bool TryChoose(int available, bool bertAllowed, int maxSzx, out int szx, out int length)
    {
        if (bertAllowed && maxSzx == CoapBlockOption.Bert && available >= 2048)
        {
            szx = CoapBlockOption.Bert;
            length = available / 1024 * 1024;
            return true;
        }

        for (int candidate = Math.Min(maxSzx, 6); candidate >= 0; candidate--)
        {
            if ((16 << candidate) <= available)
            {
                szx = candidate;
                length = 16 << candidate;
                return true;
            }
        }

        szx = 0;
        length = 0;
        return false;
    }
}
