namespace DpsCloudServer;

internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("dps_cloud_server: not built yet");
        return 1;
    }
}
