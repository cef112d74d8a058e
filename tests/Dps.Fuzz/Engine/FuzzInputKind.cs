namespace Dps.Fuzz;

/// <summary>Which structure-aware mutations apply to a target's inputs besides the byte-level ones.</summary>
internal enum FuzzInputKind
{
    /// <summary>Raw bytes (TLV, DER).</summary>
    Binary,

    /// <summary>CBOR: also major-type changes, huge length prefixes, deep nesting, unterminated indefinite items.</summary>
    Cbor,

    /// <summary>Text (PEM, YAML, hex, tokens), passed to the call as UTF-8: also character and line mutations.</summary>
    Text,
}
