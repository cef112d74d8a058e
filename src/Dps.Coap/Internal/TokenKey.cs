using System.Buffers.Binary;

namespace Dps.Coap.Internal;

/// <summary>A token of 0–8 bytes as a dictionary key.</summary>
internal readonly record struct TokenKey(ulong Value, int Length)
{
    public static TokenKey From(ReadOnlySpan<byte> token)
    {
        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        token.CopyTo(padded[(8 - token.Length)..]);
        return new TokenKey(BinaryPrimitives.ReadUInt64BigEndian(padded), token.Length);
    }
}
