using System.Formats.Cbor;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Dps.Coap;
using Dps.Security;
using Dps.Testing;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>
/// A hub with no behaviour of its own over loopback TLS: the test reads every frame and decides
/// what to answer (e.g. never a Pong).
/// </summary>
internal sealed class RawHub : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SslServerAuthenticationOptions _tls;
    private readonly List<RawCoapPeer> _peers = [];

    public RawHub(Dps.Testing.Pki.TestPki pki)
    {
        var tls = new TlsServerSettings { ServerIdentity = pki.DpsServer };
        tls.ClientTrustAnchors.Add(pki.HubCa.Certificate);
        _tls = tls.ToSslOptions();
        _listener.Start();
    }

    public string Uri => $"coaps+tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public async Task<RawCoapPeer> AcceptAsync(CancellationToken cancellationToken)
    {
        var client = await _listener.AcceptTcpClientAsync(cancellationToken);
        var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        await ssl.AuthenticateAsServerAsync(_tls, cancellationToken);
        var peer = new RawCoapPeer(ssl);
        _peers.Add(peer);
        return peer;
    }

    /// <summary>Reads the next request (skipping signaling) and answers it 2.04 with <paramref name="body"/>.</summary>
    public static async Task<CoapMessage> AnswerNextRequestAsync(RawCoapPeer peer, byte[] body, CancellationToken cancellationToken)
    {
        var request = await peer.ReadUntilAsync(m => m.Code.IsRequest, cancellationToken);
        await peer.SendAsync(CoapMessage.ResponseTo(request, CoapCode.Changed).SetPayload(body, CoapContentFormat.OcfCbor).Build(), cancellationToken);
        return request;
    }

    public static byte[] Map(params (string Key, object Value)[] entries)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(entries.Length);
        foreach (var (key, value) in entries)
        {
            writer.WriteTextString(key);
            switch (value)
            {
                case string text:
                    writer.WriteTextString(text);
                    break;
                case int number:
                    writer.WriteInt32(number);
                    break;
                default:
                    throw new ArgumentException("unsupported value");
            }
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _peers)
        {
            await peer.DisposeAsync();
        }

        _listener.Stop();
        _listener.Dispose();
    }
}
