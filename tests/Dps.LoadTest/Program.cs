using System.Runtime.Versioning;
using Dps.LoadTest.Common;
using Dps.LoadTest.E2e;
using Dps.LoadTest.Fleet;
using Dps.LoadTest.Tls;

[assembly: SupportedOSPlatform("linux")]

namespace Dps.LoadTest;

/// <summary>
/// End-to-end and fleet benchmarks (make bench-e2e, make bench-fleet; scripts/bench-*.sh start the
/// service and pass its addresses):
/// <c>e2e</c> runs dps_cloud_server processes one after another and times every provisioning step,
/// <c>fleet</c> provisions K in-process devices at once against one dps-service process,
/// <c>tls-limit</c> measures full TLS 1.2 handshakes per second without CoAP.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        try
        {
            var options = Arguments.Parse(args.Skip(1));
            return args[0] switch
            {
                "e2e" => await E2eCommand.RunAsync(options),
                "fleet" => await FleetCommand.RunAsync(options),
                "tls-limit" => await TlsLimitCommand.RunAsync(options),
                _ => Usage(),
            };
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("dps-loadtest: " + ex.Message);
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: dps-loadtest e2e --device PATH --label NAME --pki DIR --dps URI --http URI --work DIR [--n 30] [--warmup 1] [--idle-samples 5] [--idle-seconds 10] [--timeout 60] [--out FILE]
                   dps-loadtest fleet --service-dir DIR --dps URI --service-pid PID --k N [--warmup 10] [--tls-limit RATE] [--tls-cpu MS] [--timeout 240] [--out FILE]
                   dps-loadtest tls-limit [--seconds 10] [--concurrency CORES] [--verify-chains true] [--out FILE]
            """);
        return 2;
    }
}
