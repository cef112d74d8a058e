using Dps.Testing.Processes;

namespace Dps.Service.Tests.Network;

/// <summary>Runs a command-line tool (openssl, coap-client-openssl, dps-service) to completion.</summary>
internal static class CommandLineTool
{
    public static bool IsInstalled(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, name)));

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        await using var process = ExternalProcess.Start(fileName, arguments, workingDirectory);
        var exitCode = await process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return (exitCode, process.Output);
    }

    public static async Task<string> RunCheckedAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var (exitCode, output) = await RunAsync(fileName, arguments, workingDirectory);
        Assert.That(exitCode, Is.Zero, $"{fileName} failed:\n{output}");
        return output;
    }
}
