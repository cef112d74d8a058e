namespace Dps.Fuzz;

/// <summary>Thrown by a target's call when the parser answered, but wrongly (e.g. a null response).</summary>
internal sealed class FuzzCheckException : Exception
{
    public FuzzCheckException()
    {
    }

    public FuzzCheckException(string message)
        : base(message)
    {
    }

    public FuzzCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
