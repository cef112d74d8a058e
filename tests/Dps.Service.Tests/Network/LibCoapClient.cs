using System.Text.RegularExpressions;

namespace Dps.Service.Tests.Network;

/// <summary>
/// libcoap's <c>coap-client-openssl</c> against the running DPS with a certificate and key file.
/// It exits 0 even on failure, so the answer is read from its <c>-o</c> file and its debug log
/// (the response PDU line carries the code).
/// </summary>
internal static partial class LibCoapClient
{
    public const string Executable = "coap-client-openssl";

    public static async Task<LibCoapResult> RequestAsync(
        RunningService service, string method, string path, string certificateFile, string keyFile, byte[]? payload = null)
    {
        var work = Directory.CreateTempSubdirectory("coap-client-").FullName;
        try
        {
            var outFile = Path.Combine(work, "out.bin");
            var arguments = new List<string>
            {
                "-m", method, "-c", certificateFile, "-j", keyFile, "-C", service.DpsCaFile,
                "-A", "10000", "-B", "10", "-o", outFile, "-v", "7",
            };
            if (payload is not null)
            {
                var payloadFile = Path.Combine(work, "payload.cbor");
                await File.WriteAllBytesAsync(payloadFile, payload);
                arguments.AddRange(["-t", "10000", "-f", payloadFile]);
            }

            arguments.Add($"coaps+tcp://127.0.0.1:{service.Host.DpsAddress.Port}{path}");
            var (_, output) = await CommandLineTool.RunAsync(Executable, arguments, work);
            var match = ResponseLine().Matches(output).LastOrDefault();
            var body = File.Exists(outFile) ? await File.ReadAllBytesAsync(outFile) : [];
            return new LibCoapResult(match?.Groups[1].Value, body, output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // The response to the client's own request (token {01}); the service's probe carries an 8-byte token.
    [GeneratedRegex(@"c:([245]\.\d\d) i:[0-9a-f]+ \{01\}")]
    private static partial Regex ResponseLine();
}

internal sealed record LibCoapResult(string? Code, byte[] Payload, string Log);
