using Dps.Testing;

namespace Dps.Ocf.Tests;

/// <summary>CBOR test payloads from nested values, definite or indefinite (<see cref="CborTestValues"/>).</summary>
internal static class TestCbor
{
    /// <summary>An ordered map.</summary>
    public static List<KeyValuePair<string, object?>> Map(params (string Key, object? Value)[] entries) =>
        [.. entries.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value))];

    public static object?[] Array(params object?[] items) => items;

    public static byte[] Encode(object? value, bool indefinite = false) => CborTestValues.Encode(value, indefinite);
}
