using Dps.Testing;
using Microsoft.Extensions.Logging;

namespace Dps.Coap.Tests.Connection;

/// <summary>Two started connections talking over an in-memory pipe pair.</summary>
internal sealed class ConnectionPair : IAsyncDisposable
{
    private ConnectionPair(CoapConnection client, CoapConnection server, RecordingLogger clientLog, RecordingLogger serverLog, RecordingStream clientStream)
    {
        Client = client;
        Server = server;
        ClientLog = clientLog;
        ServerLog = serverLog;
        ClientStream = clientStream;
    }

    public CoapConnection Client { get; }

    public CoapConnection Server { get; }

    public RecordingLogger ClientLog { get; }

    public RecordingLogger ServerLog { get; }

    /// <summary>The client's stream; records every write of the client.</summary>
    public RecordingStream ClientStream { get; }

    public static async Task<ConnectionPair> StartAsync(
        ICoapHandler? clientHandler = null,
        ICoapHandler? serverHandler = null,
        CoapConnectionOptions? clientOptions = null,
        CoapConnectionOptions? serverOptions = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var (a, b) = DuplexPipe.CreatePair();
        var clientLog = new RecordingLogger("client");
        var serverLog = new RecordingLogger("server");
        var recording = new RecordingStream(a);
        var client = new CoapConnection(recording, clientOptions, clientHandler, timeProvider, clientLog);
        var server = new CoapConnection(b, serverOptions, serverHandler, timeProvider, serverLog);
        client.Start();
        server.Start();
        if (clientOptions?.SendCsm != false && serverOptions?.SendCsm != false)
        {
            await client.WaitForPeerCsmAsync(cancellationToken);
            await server.WaitForPeerCsmAsync(cancellationToken);
        }

        return new ConnectionPair(client, server, clientLog, serverLog, recording);
    }

    public IReadOnlyList<LogEntry> Errors => [.. ClientLog.Errors, .. ServerLog.Errors];

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }

    public static bool IsError(LogEntry entry) => entry.Level >= LogLevel.Error;
}
