using System.Collections.Concurrent;
using System.Formats.Cbor;
using System.Net;
using System.Threading.Channels;
using Dps.Coap;
using Dps.Security;
using Dps.Testing;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>
/// A scripted plgd hub gateway over real loopback TLS (server certificate from hub-ca, client
/// certificates must chain to hub-ca). Records every request with its fake arrival time and answers
/// like the coap-gateway unless a scripted answer is queued for the path.
/// </summary>
internal sealed class HubGateway : IAsyncDisposable
{
    private readonly CoapTcpListener _listener;
    private readonly TestClock _clock;
    private readonly Channel<HubRequest> _requests = Channel.CreateUnbounded<HubRequest>();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HubRequest, CoapMessage>>> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HubRequest, CoapMessage>> _always = new(StringComparer.Ordinal);
    private int _tokenSerial;

    public HubGateway(Dps.Testing.Pki.TestPki pki, TestClock clock)
    {
        _clock = clock;
        var tls = new TlsServerSettings { ServerIdentity = pki.DpsServer };
        tls.ClientTrustAnchors.Add(pki.HubCa.Certificate);
        _listener = new CoapTcpListener(
            new IPEndPoint(IPAddress.Loopback, 0),
            new CoapListenerOptions { Tls = tls.ToSslOptions(), Handler = new DelegateCoapHandler(Handle) });
        _listener.Start();
    }

    public string Uri => $"coaps+tcp://127.0.0.1:{_listener.LocalEndPoint.Port}";

    public IReadOnlyCollection<CoapConnection> Connections => _listener.Connections;

    public long SignUpExpiresIn { get; set; } = 3600;

    public long SignInExpiresIn { get; set; } = 3600;

    public long RefreshExpiresIn { get; set; } = 3600;

    public string RedirectUri { get; set; } = string.Empty;

    /// <summary>The access token the hub handed out last.</summary>
    public string LastAccessToken { get; private set; } = string.Empty;

    /// <summary>The refresh token the hub handed out last.</summary>
    public string LastRefreshToken { get; private set; } = string.Empty;

    /// <summary>Answers the next request to <paramref name="path"/> with <paramref name="code"/> (no body).</summary>
    public void AnswerNext(string path, CoapCode code) =>
        _scripted.GetOrAdd(path, _ => new()).Enqueue(r => CoapMessage.ResponseTo(r.Message, code).Build());

    /// <summary>Answers every request to <paramref name="path"/> with <paramref name="code"/>.</summary>
    public void AnswerAlways(string path, CoapCode code) =>
        _always[path] = r => CoapMessage.ResponseTo(r.Message, code).Build();

    /// <summary>Answers the next request to <paramref name="path"/> with a CBOR body.</summary>
    public void AnswerNext(string path, CoapCode code, byte[] body) =>
        _scripted.GetOrAdd(path, _ => new()).Enqueue(r => CoapMessage.ResponseTo(r.Message, code).SetPayload(body, CoapContentFormat.OcfCbor).Build());

    public async Task<HubRequest> NextAsync(CancellationToken cancellationToken) =>
        await _requests.Reader.ReadAsync(cancellationToken);

    public bool TryNext(out HubRequest? request) => _requests.Reader.TryRead(out request);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private CoapMessage Handle(CoapRequestContext context)
    {
        var request = new HubRequest(context.Request, _clock.Elapsed, context.Connection);
        string path = request.Path;
        CoapMessage response;
        if (_scripted.TryGetValue(path, out var queue) && queue.TryDequeue(out var scripted))
        {
            response = scripted(request);
        }
        else if (_always.TryGetValue(path, out var always))
        {
            response = always(request);
        }
        else
        {
            response = Default(request);
        }

        _requests.Writer.TryWrite(request);
        return response;
    }

    private CoapMessage Default(HubRequest request)
    {
        var message = request.Message;
        switch (request.Path)
        {
            case "/oic/sec/account" when message.Code == CoapCode.Post:
                NewTokens();
                return Reply(message, w =>
                {
                    w.WriteStartMap(5);
                    Text(w, "accesstoken", LastAccessToken);
                    Text(w, "uid", "1");
                    Text(w, "refreshtoken", LastRefreshToken);
                    Text(w, "redirecturi", RedirectUri);
                    w.WriteTextString("expiresin");
                    w.WriteInt64(SignUpExpiresIn);
                    w.WriteEndMap();
                });
            case "/oic/sec/account" when message.Code == CoapCode.Delete:
                return CoapMessage.ResponseTo(message, CoapCode.Deleted).Build();
            case "/oic/sec/session":
                bool login = CborTree.Get(request.Body, "login") is true;
                return Reply(message, w =>
                {
                    w.WriteStartMap(login ? 1 : 0);
                    if (login)
                    {
                        w.WriteTextString("expiresin");
                        w.WriteInt64(SignInExpiresIn);
                    }

                    w.WriteEndMap();
                });
            case "/oic/sec/tokenrefresh":
                NewTokens();
                return Reply(message, w =>
                {
                    w.WriteStartMap(3);
                    Text(w, "accesstoken", LastAccessToken);
                    Text(w, "refreshtoken", LastRefreshToken);
                    w.WriteTextString("expiresin");
                    w.WriteInt64(RefreshExpiresIn);
                    w.WriteEndMap();
                });
            case "/oic/rd" when message.Code == CoapCode.Delete:
                return CoapMessage.ResponseTo(message, CoapCode.Deleted).Build();
            case "/oic/rd":
                {
                    var links = (List<object?>)CborTree.Get(request.Body, "links")!;
                    return Reply(message, w =>
                    {
                        w.WriteStartMap(2);
                        w.WriteTextString("links");
                        w.WriteStartArray(links.Count);
                        for (int i = 0; i < links.Count; i++)
                        {
                            var link = (List<KeyValuePair<string, object?>>)links[i]!;
                            w.WriteStartMap(2);
                            Text(w, "href", (string)CborTree.Get(link, "href")!);
                            w.WriteTextString("ins");
                            w.WriteInt64(1000 + i);
                            w.WriteEndMap();
                        }

                        w.WriteEndArray();
                        w.WriteTextString("ttl");
                        w.WriteInt32(0);
                        w.WriteEndMap();
                    });
                }

            default:
                return CoapMessage.ResponseTo(message, CoapCode.NotFound).Build();
        }
    }

    private void NewTokens()
    {
        int serial = Interlocked.Increment(ref _tokenSerial);
        LastAccessToken = "hub-at-" + serial;
        LastRefreshToken = "hub-rt-" + serial;
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
