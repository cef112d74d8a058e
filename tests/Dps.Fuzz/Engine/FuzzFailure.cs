namespace Dps.Fuzz;

/// <summary>An input that made a target crash, fail a check or allocate without bound.</summary>
internal sealed record FuzzFailure(byte[] Input, string Reason)
{
    public override string ToString() => $"{Reason}\n    input ({Input.Length} bytes): {Convert.ToHexString(Input.AsSpan(0, Math.Min(Input.Length, 4096)))}{(Input.Length > 4096 ? "…" : string.Empty)}";
}
