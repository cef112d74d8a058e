namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>A <see cref="Random"/> whose <see cref="Next(int)"/> always returns a fixed fraction of the range.</summary>
internal sealed class FixedRandom(double fraction = 0) : Random(1)
{
    public List<int> Ranges { get; } = [];

    public override int Next(int maxValue)
    {
        Ranges.Add(maxValue);
        return (int)(maxValue * fraction);
    }
}
