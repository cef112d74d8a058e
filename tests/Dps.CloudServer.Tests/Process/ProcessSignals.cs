namespace Dps.CloudServer.Tests.Process;

/// <summary>The POSIX signal numbers the process tests send (Linux).</summary>
internal static class ProcessSignals
{
    public const int Sighup = 1;
    public const int Sigkill = 9;
    public const int Sigterm = 15;
}
