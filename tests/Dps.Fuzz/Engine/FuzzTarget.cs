namespace Dps.Fuzz;

/// <summary>
/// One parser under fuzz: valid seed inputs, how to mutate them, and the call. The call may return
/// normally (accepted or a failure value) or throw one of <see cref="AllowedExceptions"/>; anything
/// else is a finding. A call can also throw <see cref="FuzzCheckException"/> to flag a bad answer.
/// </summary>
internal sealed class FuzzTarget
{
    public FuzzTarget(string name, FuzzInputKind kind, IReadOnlyList<byte[]> seeds, Action<byte[]> execute, params Type[] allowedExceptions)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("A fuzz target needs at least one seed.", nameof(seeds));
        }

        Name = name;
        Kind = kind;
        Seeds = seeds;
        Execute = execute;
        AllowedExceptions = allowedExceptions;
    }

    public string Name { get; }

    public FuzzInputKind Kind { get; }

    public IReadOnlyList<byte[]> Seeds { get; }

    public Action<byte[]> Execute { get; }

    public IReadOnlyList<Type> AllowedExceptions { get; }

    /// <summary>The most bytes one call may allocate on its thread before it counts as unbounded.</summary>
    public long MaxAllocatedBytesPerInput { get; init; } = 64L * 1024 * 1024;

    /// <summary>How many inputs the unit test of this target runs (slow parsers, e.g. X.509, run fewer).</summary>
    public int UnitTestInputs { get; init; } = 20_000;

    public override string ToString() => Name;

    public bool IsAllowed(Exception exception)
    {
        foreach (var type in AllowedExceptions)
        {
            if (type.IsInstanceOfType(exception))
            {
                return true;
            }
        }

        return false;
    }
}
