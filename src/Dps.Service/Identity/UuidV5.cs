using System.Security.Cryptography;

namespace Dps.Service.Identity;

/// <summary>Name-based UUIDs (RFC 4122 §4.3, version 5, SHA-1) and the namespaces plgd uses.</summary>
internal static class UuidV5
{
    /// <summary>The URL namespace 6ba7b811-9dad-11d1-80b4-00c04fd430c8.</summary>
    public static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>The X.500 namespace 6ba7b814-9dad-11d1-80b4-00c04fd430c8.</summary>
    public static readonly Guid X500Namespace = new("6ba7b814-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>Computes UUIDv5(<paramref name="ns"/>, <paramref name="name"/>).</summary>
    public static Guid Create(Guid ns, ReadOnlySpan<byte> name)
    {
        var input = new byte[16 + name.Length];
        if (!ns.TryWriteBytes(input, bigEndian: true, out _))
        {
            throw new InvalidOperationException("Could not write the namespace UUID.");
        }

        name.CopyTo(input.AsSpan(16));
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 4122 version 5 UUIDs are defined over SHA-1; no security property relies on it.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
