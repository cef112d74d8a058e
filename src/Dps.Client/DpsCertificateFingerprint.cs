using System.Security.Cryptography;

namespace Dps.Client;

/// <summary>
/// A pinned fingerprint of the DPS server certificate (<c>plgd_dps_set_certificate_fingerprint</c>):
/// a hash algorithm and the digest. During the TLS handshake a certificate of the server's chain
/// whose digest matches is accepted. Immutable.
/// </summary>
public sealed class DpsCertificateFingerprint : IEquatable<DpsCertificateFingerprint>
{
    private readonly byte[] _digest;

    private DpsCertificateFingerprint(HashAlgorithmName algorithm, byte[] digest)
    {
        Algorithm = algorithm;
        _digest = digest;
    }

    /// <summary>
    /// The hash algorithm (SHA-256 or SHA-384), or <see langword="default"/> ("none") for a digest
    /// received over DHCP without a hash name: stored, but not used for verification.
    /// </summary>
    public HashAlgorithmName Algorithm { get; }

    /// <summary>The digest bytes.</summary>
    public ReadOnlyMemory<byte> Digest => _digest;

    /// <summary>The fingerprint can verify a certificate (an algorithm is set).</summary>
    public bool IsUsable => !string.IsNullOrEmpty(Algorithm.Name);

    /// <summary>Creates a fingerprint; the digest length must match the algorithm (32 for SHA-256, 48 for SHA-384).</summary>
    /// <exception cref="ArgumentException">The algorithm is not SHA-256/SHA-384 or the length does not match.</exception>
    public static DpsCertificateFingerprint Create(HashAlgorithmName algorithm, ReadOnlySpan<byte> digest)
    {
        var expected = GetDigestLength(algorithm);
        if (expected < 0)
        {
            throw new ArgumentException(
                $"Fingerprint algorithm '{algorithm.Name}' is not supported; use SHA256 or SHA384.", nameof(algorithm));
        }
        if (digest.Length != expected)
        {
            throw new ArgumentException(
                $"A {algorithm.Name} fingerprint has {expected} bytes, got {digest.Length}.", nameof(digest));
        }
        return new DpsCertificateFingerprint(algorithm, digest.ToArray());
    }

    /// <summary>Creates a fingerprint without an algorithm (not used for verification).</summary>
    public static DpsCertificateFingerprint CreateWithoutAlgorithm(ReadOnlySpan<byte> digest) =>
        new(default, digest.ToArray());

    /// <summary>The digest length of a supported algorithm, or −1.</summary>
    public static int GetDigestLength(HashAlgorithmName algorithm)
    {
        if (algorithm == HashAlgorithmName.SHA256)
        {
            return SHA256.HashSizeInBytes;
        }
        if (algorithm == HashAlgorithmName.SHA384)
        {
            return SHA384.HashSizeInBytes;
        }
        return -1;
    }

    /// <summary>Maps an mbedTLS digest name (<c>SHA256</c>, <c>SHA384</c>; case-insensitive) to an algorithm.</summary>
    public static bool TryParseHashName(ReadOnlySpan<char> name, out HashAlgorithmName algorithm)
    {
        if (name.Equals("SHA256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = HashAlgorithmName.SHA256;
            return true;
        }
        if (name.Equals("SHA384", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = HashAlgorithmName.SHA384;
            return true;
        }
        algorithm = default;
        return false;
    }

    /// <summary>True when the usable fingerprint equals the digest of <paramref name="certificateDer"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        if (!IsUsable)
        {
            return false;
        }
        Span<byte> hash = stackalloc byte[SHA384.HashSizeInBytes];
        var written = Algorithm == HashAlgorithmName.SHA256
            ? SHA256.HashData(certificateDer, hash)
            : SHA384.HashData(certificateDer, hash);
        return CryptographicOperations.FixedTimeEquals(hash[..written], _digest);
    }

    /// <inheritdoc/>
    public bool Equals(DpsCertificateFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm && _digest.AsSpan().SequenceEqual(other._digest);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DpsCertificateFingerprint);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Algorithm);
        hash.AddBytes(_digest);
        return hash.ToHashCode();
    }

    /// <summary><c>SHA256:AB:CD:…</c>.</summary>
    public override string ToString() =>
        (IsUsable ? Algorithm.Name : "none") + ":" + Convert.ToHexString(_digest);
}
