namespace Dps.Service.Cli;

/// <summary>The command line is wrong; the program prints the message and the usage and exits with 2.</summary>
internal sealed class CommandLineException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public CommandLineException()
        : base("Invalid command line.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public CommandLineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and the cause.</summary>
    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
