using Dps.Testing;

namespace Dps.Service.Tests.Payloads;

/// <summary>CBOR test bodies from plain values (<see cref="CborTestValues"/>): (string, object?)[] = map, object[] = array.</summary>
internal static class TestCbor
{
    public static byte[] Map(params (string Key, object? Value)[] entries) => CborTestValues.Encode(entries);

    public static (string, object?)[] M(params (string Key, object? Value)[] entries) => entries;
}
