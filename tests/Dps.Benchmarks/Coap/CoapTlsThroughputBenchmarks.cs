using System.Net;
using BenchmarkDotNet.Attributes;
using Dps.Coap;
using Dps.Security;
using Dps.Testing.Pki;

namespace Dps.Benchmarks.Coap;

/// <summary>
/// Request/response throughput over one loopback coaps+tcp connection (TLS with a client
/// certificate, as a device talks to DPS): one operation is <see cref="Batch"/> requests, issued
/// with <see cref="InFlight"/> outstanding at a time. Requests per second = Batch / mean time.
/// </summary>
[MemoryDiagnoser]
public class CoapTlsThroughputBenchmarks
{
    /// <summary>Requests per benchmark operation.</summary>
    public const int Batch = 1024;

    private static readonly byte[] Payload = new byte[64];
    private CoapTcpListener _listener = null!;
    private CoapConnection _client = null!;
    private CoapMessage _request = null!;

    /// <summary>Requests outstanding at once.</summary>
    [Params(1, 64)]
    public int InFlight { get; set; }

    /// <summary>Starts a TLS listener and connects one client.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var pki = TestPki.Shared;
        var server = new TlsServerSettings { ServerIdentity = pki.DpsServer };
        server.ClientTrustAnchors.Add(pki.RootCa.Certificate);
        server.ClientIntermediates.Add(pki.MfgCa.Certificate);
        var handler = new Dps.Testing.DelegateCoapHandler(ctx =>
            CoapMessage.ResponseTo(ctx.Request, CoapCode.Content).SetPayload(Payload, CoapContentFormat.Cbor).Build());
        _listener = new CoapTcpListener(
            new IPEndPoint(IPAddress.Loopback, 0),
            new CoapListenerOptions { Tls = server.ToSslOptions(), Handler = handler });
        _listener.Start();

        var client = new TlsClientSettings { ClientIdentity = pki.MfgDevice };
        client.ServerVerification.TrustAnchors.Add(pki.HubCa.Certificate);
        _client = CoapTcpClient.ConnectAsync(
            new Uri($"coaps+tcp://127.0.0.1:{_listener.LocalEndPoint.Port}"),
            new CoapTcpClientOptions { Tls = client.ToSslOptions() }).GetAwaiter().GetResult();
        _request = CoapMessage.Request(CoapCode.Get, "/api/v1/provisioning/ownership").SetAccept(CoapContentFormat.OcfCbor).Build();
    }

    /// <summary>Closes the connection and the listener.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Sends <see cref="Batch"/> requests with <see cref="InFlight"/> outstanding.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task RequestResponse()
    {
        var workers = new Task[InFlight];
        int remaining = Batch;
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = Worker();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);

        async Task Worker()
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var response = await _client.SendAsync(_request).ConfigureAwait(false);
                if (response.Code != CoapCode.Content)
                {
                    throw new InvalidOperationException($"Unexpected {response.Code}.");
                }
            }
        }
    }
}
