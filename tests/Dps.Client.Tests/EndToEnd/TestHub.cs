using System.Formats.Cbor;
using System.Net;
using Dps.Coap;
using Dps.Security;
using Dps.Testing;
using Dps.Testing.Pki;

namespace Dps.Client.Tests.EndToEnd;

/// <summary>A minimal plgd hub gateway on loopback: sign-up, sign-in/out and publish succeed.</summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly CoapTcpListener _listener;
    private int _requests;

    public TestHub(TestPki pki)
    {
        var tls = new TlsServerSettings { ServerIdentity = pki.DpsServer };
        tls.ClientTrustAnchors.Add(pki.HubCa.Certificate);
        _listener = new CoapTcpListener(
            new IPEndPoint(IPAddress.Loopback, 0),
            new CoapListenerOptions { Tls = tls.ToSslOptions(), Handler = new DelegateCoapHandler(Handle) });
        _listener.Start();
    }

    public string Uri => $"coaps+tcp://127.0.0.1:{_listener.LocalEndPoint.Port}";

    public int RequestCount => Volatile.Read(ref _requests);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private CoapMessage Handle(CoapRequestContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var post = request.Code == CoapCode.Post;
        return (request.UriPath, post) switch
        {
            ("/oic/sec/account", true) => Reply(request, w =>
            {
                w.WriteStartMap(5);
                Text(w, "accesstoken", "hub-at");
                Text(w, "uid", "1");
                Text(w, "refreshtoken", "hub-rt");
                Text(w, "redirecturi", string.Empty);
                w.WriteTextString("expiresin");
                w.WriteInt64(3600);
                w.WriteEndMap();
            }),
            ("/oic/sec/tokenrefresh", _) => Reply(request, w =>
            {
                w.WriteStartMap(3);
                Text(w, "accesstoken", "hub-at-2");
                Text(w, "refreshtoken", "hub-rt-2");
                w.WriteTextString("expiresin");
                w.WriteInt64(3600);
                w.WriteEndMap();
            }),
            ("/oic/sec/session", _) => Reply(request, w =>
            {
                w.WriteStartMap(1);
                w.WriteTextString("expiresin");
                w.WriteInt64(3600);
                w.WriteEndMap();
            }),
            ("/oic/rd", true) => Reply(request, w =>
            {
                w.WriteStartMap(2);
                w.WriteTextString("links");
                w.WriteStartArray(0);
                w.WriteEndArray();
                w.WriteTextString("ttl");
                w.WriteInt32(0);
                w.WriteEndMap();
            }),
            _ => CoapMessage.ResponseTo(request, CoapCode.NotFound).Build(),
        };
    }

    private static CoapMessage Reply(CoapMessage request, Action<CborWriter> write)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        write(writer);
        return CoapMessage.ResponseTo(request, CoapCode.Changed).SetPayload(writer.Encode(), CoapContentFormat.OcfCbor).Build();
    }

    private static void Text(CborWriter writer, string key, string value)
    {
        writer.WriteTextString(key);
        writer.WriteTextString(value);
    }
}
