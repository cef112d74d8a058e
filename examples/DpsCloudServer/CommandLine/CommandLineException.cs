namespace DpsCloudServer.CommandLine;

/// <summary>A bad argument found while parsing; turned into <see cref="CommandLineResult.Failure"/>.</summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException()
    {
    }

    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
