namespace DpsCloudServer;

/// <summary>The process exit codes of <c>dps_cloud_server</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Normal end (stopped by SIGINT/SIGTERM, or <c>--help</c>).</summary>
    public const int Success = 0;

    /// <summary>Start-up failed (certificates, storage, device stack).</summary>
    public const int Failure = 1;

    /// <summary>Bad command-line arguments.</summary>
    public const int Usage = 2;
}
