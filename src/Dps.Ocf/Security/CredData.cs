using System.Text;

namespace Dps.Ocf.Security;

/// <summary>
/// Public or private data of a credential: the bytes, their encoding, and whether they travel as a
/// CBOR text string (PEM, base64) or byte string.
/// </summary>
public sealed class CredData : IEquatable<CredData>
{
    /// <summary>Creates credential data.</summary>
    public CredData(CredEncoding encoding, ReadOnlyMemory<byte> data, bool isText)
    {
        Encoding = encoding;
        Data = data.ToArray();
        IsText = isText;
    }

    /// <summary>The encoding.</summary>
    public CredEncoding Encoding { get; }

    /// <summary>The bytes (UTF-8 of the text when <see cref="IsText"/>).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The data was (and is written as) a CBOR text string.</summary>
    public bool IsText { get; }

    /// <summary>PEM text data.</summary>
    public static CredData FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return new CredData(CredEncoding.Pem, System.Text.Encoding.UTF8.GetBytes(pem), isText: true);
    }

    /// <summary>Raw bytes (a key, or DER).</summary>
    public static CredData FromRaw(ReadOnlySpan<byte> data) => new(CredEncoding.Raw, data.ToArray(), isText: false);

    /// <summary>The data as text (UTF-8).</summary>
    public string GetText() => System.Text.Encoding.UTF8.GetString(Data.Span);

    /// <summary>
    /// The decoded key or certificate bytes: raw data as is, base64 decoded; for PEM the UTF-8 text.
    /// </summary>
    /// <exception cref="FormatException">Invalid base64.</exception>
    public byte[] GetDecodedBytes() => Encoding == CredEncoding.Base64
        ? Convert.FromBase64String(GetText())
        : Data.ToArray();

    /// <inheritdoc/>
    public bool Equals(CredData? other) => other is not null
        && Encoding == other.Encoding
        && Data.Span.SequenceEqual(other.Data.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CredData);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Encoding, Data.Length);

    /// <summary>Describes the data without revealing it.</summary>
    public override string ToString() => new StringBuilder()
        .Append(OcfSecurityNames.ToWireString(Encoding)).Append(", ").Append(Data.Length).Append(" bytes")
        .ToString();
}
