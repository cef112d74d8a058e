namespace DpsCloudServer.Pki;

/// <summary>
/// A file of <c>pki_certs/</c> is missing, unreadable or malformed. The message names the file and
/// the reason, never its contents.
/// </summary>
internal sealed class PkiLoadException : Exception
{
    public PkiLoadException()
    {
    }

    public PkiLoadException(string message)
        : base(message)
    {
    }

    public PkiLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file that could not be used, or null.</summary>
    public string? FilePath { get; init; }
}
