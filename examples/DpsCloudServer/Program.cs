using DpsCloudServer.Signals;

namespace DpsCloudServer;

internal static class Program
{
    private static Task<int> Main(string[] args) =>
        CloudServerApp.RunAsync(args, Console.Out, Console.Error, PosixSignalSource.Instance, Environment.IsPrivilegedProcess);
}
