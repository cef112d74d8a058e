namespace Dps.Ocf.Internal;

/// <summary>The kind of a decoded CBOR value.</summary>
internal enum CborNodeKind
{
    Map,
    Array,
    Text,
    Bytes,
    Integer,
    Boolean,
    Null,
    Float,
    Other,
}
