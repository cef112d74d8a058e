namespace Dps.Service.Configuration;

/// <summary>
/// The configuration file is invalid. The message names the file, the line when known, the key path
/// (e.g. <c>enrollmentGroups[0].owner</c>) and the reason.
/// </summary>
internal sealed class ServiceConfigException : Exception
{
    /// <summary>Creates an exception for <paramref name="keyPath"/> in <paramref name="filePath"/>.</summary>
    public ServiceConfigException(string filePath, string keyPath, string reason, long? line = null, Exception? innerException = null)
        : base(Format(filePath, keyPath, reason, line), innerException)
    {
        FilePath = filePath;
        KeyPath = keyPath;
        Reason = reason;
        Line = line;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ServiceConfigException()
        : this("(unknown)", "(root)", "invalid configuration")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ServiceConfigException(string message)
        : this("(unknown)", "(root)", message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public ServiceConfigException(string message, Exception innerException)
        : this("(unknown)", "(root)", message, null, innerException)
    {
    }

    /// <summary>The configuration file.</summary>
    public string FilePath { get; }

    /// <summary>The offending key, e.g. <c>enrollmentGroups[0].hubs[1].hubID</c>; <c>(root)</c> for the document.</summary>
    public string KeyPath { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line in the file, when known.</summary>
    public long? Line { get; }

    private static string Format(string filePath, string keyPath, string reason, long? line) =>
        line is { } l ? $"{filePath}:{l}: {keyPath}: {reason}" : $"{filePath}: {keyPath}: {reason}";
}
