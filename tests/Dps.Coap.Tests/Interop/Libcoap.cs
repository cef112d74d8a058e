using Dps.Testing.Processes;

namespace Dps.Coap.Tests.Interop;

/// <summary>Starts libcoap's command-line peers (Debian package libcoap3-bin).</summary>
internal static class Libcoap
{
    public const string Client = "coap-client-openssl";
    public const string Server = "coap-server-openssl";

    public static void RequireInstalled()
    {
        foreach (string tool in new[] { Client, Server })
        {
            bool found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Any(dir => File.Exists(Path.Combine(dir, tool)));
            if (!found)
            {
                Assert.Fail($"{tool} is not installed: apt-get install libcoap3-bin (.ci/run does this).");
            }
        }
    }

    /// <summary>
    /// Starts coap-server-openssl on 127.0.0.1: coap+tcp on the returned port, coaps+tcp on port + 1.
    /// </summary>
    public static async Task<(ExternalProcess Process, int Port)> StartServerAsync(string pkiDirectory, IEnumerable<string> extraArguments, CancellationToken cancellationToken)
    {
        RequireInstalled();
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort.GetPair();
            string[] arguments =
            [
                "-A", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c", Path.Combine(pkiDirectory, "dps-server.crt"),
                "-j", Path.Combine(pkiDirectory, "dps-server.key"),
                "-v", "6",
                .. extraArguments,
            ];
            var process = ExternalProcess.Start(Server, arguments);
            try
            {
                await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10), cancellationToken);
                await FreePort.WaitUntilListeningAsync(port + 1, TimeSpan.FromSeconds(10), cancellationToken);
                return (process, port);
            }
            catch (Exception) when (attempt < 3)
            {
                // Lost a race for the port pair: try another one.
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>Runs coap-client-openssl to completion and returns its output (it exits 0 even on failure).</summary>
    public static async Task<string> RunClientAsync(IEnumerable<string> arguments)
    {
        RequireInstalled();
        await using var process = ExternalProcess.Start(Client, ["-B", "10", .. arguments]);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return process.Output;
    }
}
