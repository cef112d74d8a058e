using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// A digest over a certificate's DER encoding (PROTOCOL §1.4 "fingerprint"), SHA-256 or SHA-384.
/// </summary>
public sealed class CertificateFingerprint : IEquatable<CertificateFingerprint>
{
    private readonly byte[] _value;

    /// <summary>Creates a fingerprint from an algorithm and the digest bytes.</summary>
    /// <exception cref="ArgumentException">Unsupported algorithm or a length that does not match it.</exception>
    public CertificateFingerprint(HashAlgorithmName algorithm, ReadOnlySpan<byte> value)
    {
        int expected = GetLength(algorithm);
        if (value.Length != expected)
        {
            throw new ArgumentException(
                $"a {algorithm.Name} fingerprint is {expected} bytes, got {value.Length}.", nameof(value));
        }

        Algorithm = algorithm;
        _value = value.ToArray();
    }

    /// <summary>The digest algorithm (SHA256 or SHA384).</summary>
    public HashAlgorithmName Algorithm { get; }

    /// <summary>The digest bytes.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>Computes the fingerprint of <paramref name="certificate"/>.</summary>
    public static CertificateFingerprint Compute(X509Certificate2 certificate, HashAlgorithmName algorithm)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Compute(certificate.RawDataMemory.Span, algorithm);
    }

    /// <summary>Computes the fingerprint of DER bytes.</summary>
    public static CertificateFingerprint Compute(ReadOnlySpan<byte> der, HashAlgorithmName algorithm)
    {
        byte[] digest = algorithm == HashAlgorithmName.SHA256 ? SHA256.HashData(der)
            : algorithm == HashAlgorithmName.SHA384 ? SHA384.HashData(der)
            : throw new ArgumentException($"unsupported fingerprint algorithm {algorithm.Name}.", nameof(algorithm));
        return new CertificateFingerprint(algorithm, digest);
    }

    /// <summary>
    /// Parses hex (colons, spaces and dashes allowed as separators); 32 bytes = SHA-256, 48 bytes = SHA-384.
    /// </summary>
    /// <exception cref="FormatException">Not hex, or neither 32 nor 48 bytes.</exception>
    public static CertificateFingerprint Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        string compact = hex.Replace(":", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal)
            .Replace("-", "", StringComparison.Ordinal);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(compact);
        }
        catch (FormatException ex)
        {
            throw new FormatException("certificate fingerprint: not a hex string.", ex);
        }

        return bytes.Length switch
        {
            32 => new CertificateFingerprint(HashAlgorithmName.SHA256, bytes),
            48 => new CertificateFingerprint(HashAlgorithmName.SHA384, bytes),
            _ => throw new FormatException($"certificate fingerprint: {bytes.Length} bytes is neither SHA-256 (32) nor SHA-384 (48)."),
        };
    }

    /// <summary>True when the digest of <paramref name="certificate"/> equals this fingerprint.</summary>
    public bool Matches(X509Certificate2 certificate)
    {
        return Compute(certificate, Algorithm)._value.AsSpan().SequenceEqual(_value);
    }

    /// <summary>Lower-case hex of the digest.</summary>
    public override string ToString()
    {
        return Convert.ToHexStringLower(_value);
    }

    /// <inheritdoc />
    public bool Equals(CertificateFingerprint? other)
    {
        return other is not null && other.Algorithm == Algorithm && other._value.AsSpan().SequenceEqual(_value);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj)
    {
        return Equals(obj as CertificateFingerprint);
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_value);
        return hash.ToHashCode();
    }

    private static int GetLength(HashAlgorithmName algorithm)
    {
        return algorithm == HashAlgorithmName.SHA256 ? 32
            : algorithm == HashAlgorithmName.SHA384 ? 48
            : throw new ArgumentException($"unsupported fingerprint algorithm {algorithm.Name}.", nameof(algorithm));
    }
}
