namespace Dps.Service;

internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("dps-service: not built yet");
        return 1;
    }
}
