using System.Collections.Concurrent;
using System.Formats.Cbor;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap;
using Dps.Security;
using Dps.Testing;

namespace Dps.Client.Tests.Context;

/// <summary>
/// A scripted DPS server on loopback TLS (port 0) answering the five provisioning endpoints with
/// valid payloads; <see cref="Script"/> overrides answers (fault injection). Counts requests per path.
/// </summary>
internal sealed class TestDpsServer : IAsyncDisposable
{
    public const string TimePath = "/x.plgd.dev/time";
    public const string OwnershipPath = "/api/v1/provisioning/ownership";
    public const string CloudPath = "/api/v1/provisioning/cloud-configuration";
    public const string CredentialsPath = "/api/v1/provisioning/credentials";
    public const string AclsPath = "/api/v1/provisioning/acls";

    public const string Owner = "b6c5a0ec-8a6a-5d1f-9e8c-3c1c3b6a2f51";
    public const string HubId = "adebc667-1f2b-41e3-bf5c-6d6eabc68cc6";
    public const string HubUri = "coaps+tcp://hub.example.com:5684";

    private readonly CoapTcpListener _listener;
    private readonly CertificateAuthority _issuer;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<CoapMessage> _requests = new();

    public TestDpsServer(TlsIdentity serverIdentity, CertificateAuthority issuer, TimeProvider timeProvider)
    {
        _issuer = issuer;
        _timeProvider = timeProvider;
        var tls = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = serverIdentity.GetCertificateContext(),
            ClientCertificateRequired = true,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        _listener = new CoapTcpListener(
            new IPEndPoint(IPAddress.Loopback, 0),
            new CoapListenerOptions { Tls = tls, Handler = new DelegateCoapHandler(HandleAsync) });
        _listener.Start();
    }

    /// <summary>Returns a response to use instead of the normal one, or null: (path, 1-based count of that path, request).</summary>
    public Func<string, int, CoapMessage, CoapMessage?>? Script { get; set; }

    /// <summary>True for (path, count) leaves the request unanswered; each such request is reported on <see cref="Silenced"/>.</summary>
    public Func<string, int, bool>? Silence { get; set; }

    public System.Threading.Channels.Channel<string> Silenced { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    /// <summary>Lifetime of issued identity certificates (they start 1 h in the past); null for the CA default.</summary>
    public TimeSpan? IdentityValidity { get; set; }

    public string Uri => $"coaps+tcp://127.0.0.1:{_listener.LocalEndPoint.Port}";

    public long HandshakeFailures => _listener.HandshakeFailures;

    public long AcceptedConnections => _listener.AcceptedConnections;

    public int Count(string path) => _counts.TryGetValue(path, out var count) ? count : 0;

    public int TotalCount => _counts.Values.Sum();

    public IReadOnlyList<CoapMessage> Requests => [.. _requests];

    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    public static CoapMessage Answer(CoapMessage request, CoapCode code, byte[]? cbor = null)
    {
        var builder = CoapMessage.ResponseTo(request, code);
        if (cbor is not null)
        {
            builder.SetPayload(cbor, CoapContentFormat.OcfCbor);
        }
        return builder.Build();
    }

    public static byte[] Map(params (string Key, object Value)[] entries) => CborTestValues.Encode(entries);

    private async ValueTask<CoapMessage> HandleAsync(CoapRequestContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var path = request.UriPath;
        _requests.Enqueue(request);
        var count = _counts.AddOrUpdate(path, 1, (_, c) => c + 1);
        if (Silence?.Invoke(path, count) == true)
        {
            // Never answer: the request stays unanswered until the connection ends.
            Silenced.Writer.TryWrite(path);
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }
        if (Script?.Invoke(path, count, request) is { } scripted)
        {
            return scripted;
        }
        return path switch
        {
            TimePath => Answer(request, CoapCode.Content, Map(("time", FormatTime(_timeProvider.GetUtcNow())))),
            OwnershipPath => Answer(request, CoapCode.Content, Map(("devowneruuid", Owner))),
            CloudPath => Answer(request, CoapCode.Changed, Map(
                ("apn", "plgd"),
                ("cis", HubUri),
                ("sid", HubId),
                ("at", "access-token"),
                ("x.org.iotivity.servers", new object[] { new (string, object)[] { ("uri", HubUri), ("id", HubId) } }))),
            CredentialsPath => Answer(request, CoapCode.Changed, IssueCredentials(request)),
            AclsPath => Answer(request, CoapCode.Content, Acls()),
            _ => Answer(request, CoapCode.NotFound),
        };
    }

    private byte[] IssueCredentials(CoapMessage request)
    {
        var reader = new CborReader(request.Payload, CborConformanceMode.Lax);
        string? di = null;
        string? csr = null;
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            if (key == "di")
            {
                di = reader.ReadTextString();
            }
            else if (key == "csr")
            {
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var inner = reader.ReadTextString();
                    var value = reader.ReadTextString();
                    if (inner == "data")
                    {
                        csr = value;
                    }
                }
                reader.ReadEndMap();
            }
            else
            {
                reader.SkipValue();
            }
        }
        using var certificate = _issuer.IssueIdentityCertificate(CertificateSigningRequest.Parse(csr!), _timeProvider, IdentityValidity);
        return Map(("creds", new object[]
        {
            new (string, object)[]
            {
                ("credtype", 8),
                ("subjectuuid", di!),
                ("credusage", "oic.sec.cred.cert"),
                ("publicdata", new (string, object)[] { ("data", PemCertificates.ToPem(certificate)), ("encoding", "oic.sec.encoding.pem") }),
                ("tag", "dps"),
            },
            new (string, object)[]
            {
                ("credtype", 8),
                ("subjectuuid", Owner),
                ("credusage", "oic.sec.cred.trustca"),
                ("publicdata", new (string, object)[] { ("data", PemCertificates.ToPem(_issuer.Root)), ("encoding", "oic.sec.encoding.pem") }),
                ("tag", "dps"),
            },
        }));
    }

    private static byte[] Acls() => Map(("aclist2", new object[]
    {
        new (string, object)[]
        {
            ("permission", 31),
            ("subject", new (string, object)[] { ("uuid", Owner) }),
            ("resources", new object[]
            {
                new (string, object)[] { ("href", "/CoapCloudConfResURI"), ("if", new object[] { "*" }) },
                new (string, object)[] { ("if", new object[] { "*" }), ("wc", "*") },
            }),
            ("tag", "dps"),
        },
        new (string, object)[]
        {
            ("permission", 2),
            ("subject", new (string, object)[] { ("conntype", "anon-clear") }),
            ("resources", new object[] { new (string, object)[] { ("href", "/oic/d"), ("if", new object[] { "*" }) } }),
            ("tag", "dps"),
        },
    }));

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "89Z";
}
