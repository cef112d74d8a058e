namespace Dps.IntegrationTests.Harness;

/// <summary>
/// A <see cref="Random"/> whose draws are always the lowest value: the DPS retry delay after a
/// failure becomes exactly half the attempt's configured value (PROTOCOL §3.1), which keeps the
/// retry tests short and their timing predictable.
/// </summary>
internal sealed class ShortestJitter : Random
{
    /// <inheritdoc/>
    public override int Next() => 0;

    /// <inheritdoc/>
    public override int Next(int maxValue) => 0;

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue) => minValue;

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue) => minValue;

    /// <inheritdoc/>
    public override double NextDouble() => 0;

    /// <inheritdoc/>
    protected override double Sample() => 0;
}
