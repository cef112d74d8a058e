using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Dps.Ocf;

/// <summary>
/// An OCF UUID: 16 bytes written as lower-case 8-4-4-4-12 hex. Version and variant bits are never
/// checked (real devices use non-RFC 4122 values). The special value <see cref="Wildcard"/> is
/// written <c>*</c> and is only accepted where the protocol allows it.
/// </summary>
public readonly struct OcfUuid : IEquatable<OcfUuid>
{
    private readonly ulong _high;
    private readonly ulong _low;

    private OcfUuid(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>Creates a UUID from its 16 bytes (big-endian, in written order).</summary>
    public OcfUuid(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
        {
            throw new ArgumentException("A UUID is 16 bytes.", nameof(bytes));
        }

        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
    }

    /// <summary>The nil UUID (all zero).</summary>
    public static OcfUuid Nil => default;

    /// <summary>The wildcard subject <c>*</c> (iotivity stores it as <c>'*'</c> followed by zeros).</summary>
    public static OcfUuid Wildcard => new(0x2AUL << 56, 0);

    /// <summary>The RFC 4122 URL namespace, used to turn owner strings into UUIDs.</summary>
    public static OcfUuid NamespaceUrl => Parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>The RFC 4122 X.500 namespace, used for manufacturer certificate ids.</summary>
    public static OcfUuid NamespaceX500 => Parse("6ba7b814-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>True for the nil UUID.</summary>
    public bool IsNil => _high == 0 && _low == 0;

    /// <summary>True for the wildcard <c>*</c>.</summary>
    public bool IsWildcard => this == Wildcard;

    /// <summary>Writes the 16 bytes into <paramref name="destination"/>.</summary>
    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }

    /// <summary>The 16 bytes.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[16];
        WriteBytes(bytes);
        return bytes;
    }

    /// <summary>Parses 8-4-4-4-12 hex (any case); the wildcard is not accepted.</summary>
    /// <exception cref="FormatException">The text is not a UUID.</exception>
    public static OcfUuid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var uuid) ? uuid : throw new FormatException($"'{text}' is not a UUID.");
    }

    /// <summary>Parses 8-4-4-4-12 hex (any case); the wildcard is not accepted.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out OcfUuid uuid)
    {
        uuid = default;
        if (text is null || text.Length != 36)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        int b = 0;
        for (int i = 0; i < 36;)
        {
            if (i is 8 or 13 or 18 or 23)
            {
                if (text[i] != '-')
                {
                    return false;
                }

                i++;
                continue;
            }

            int hi = HexValue(text[i]);
            int lo = HexValue(text[i + 1]);
            if (hi < 0 || lo < 0)
            {
                return false;
            }

            bytes[b++] = (byte)((hi << 4) | lo);
            i += 2;
        }

        uuid = new OcfUuid(bytes);
        return true;
    }

    /// <summary>Parses a UUID or the wildcard <c>*</c> (subjects of credentials and ACEs).</summary>
    public static bool TryParseSubject([NotNullWhen(true)] string? text, out OcfUuid uuid)
    {
        if (text == "*")
        {
            uuid = Wildcard;
            return true;
        }

        return TryParse(text, out uuid);
    }

    /// <summary>
    /// Name-based UUID version 5 (SHA-1) of <paramref name="name"/> in <paramref name="namespaceId"/>.
    /// </summary>
    public static OcfUuid CreateVersion5(OcfUuid namespaceId, ReadOnlySpan<byte> name)
    {
        byte[] input = new byte[16 + name.Length];
        namespaceId.WriteBytes(input);
        name.CopyTo(input.AsSpan(16));
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // UUIDv5 is defined with SHA-1; not used for security.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new OcfUuid(hash[..16]);
    }

    /// <summary>
    /// The owner UUID for an enrollment group's owner string (PROTOCOL §2.5): the string itself if it
    /// parses as a non-nil UUID, otherwise UUIDv5 in the URL namespace of its UTF-8 bytes.
    /// </summary>
    public static OcfUuid FromOwnerString(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (TryParse(owner, out var uuid) && !uuid.IsNil)
        {
            return uuid;
        }

        return CreateVersion5(NamespaceUrl, Encoding.UTF8.GetBytes(owner));
    }

    /// <summary>Lower-case 8-4-4-4-12, or <c>*</c> for the wildcard.</summary>
    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*";
        }

        return string.Create(36, (_high, _low), static (chars, state) =>
        {
            Span<byte> raw = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64BigEndian(raw, state._high);
            BinaryPrimitives.WriteUInt64BigEndian(raw[8..], state._low);
            const string digits = "0123456789abcdef";
            int c = 0;
            for (int i = 0; i < 16; i++)
            {
                if (i is 4 or 6 or 8 or 10)
                {
                    chars[c++] = '-';
                }

                chars[c++] = digits[raw[i] >> 4];
                chars[c++] = digits[raw[i] & 0xF];
            }
        });
    }

    /// <inheritdoc/>
    public bool Equals(OcfUuid other) => _high == other._high && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OcfUuid other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_high, _low);

    /// <summary>Equality.</summary>
    public static bool operator ==(OcfUuid left, OcfUuid right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(OcfUuid left, OcfUuid right) => !left.Equals(right);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
