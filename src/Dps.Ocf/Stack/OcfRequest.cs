using System.Formats.Cbor;
using System.Security.Cryptography.X509Certificates;
using Dps.Coap;
using Dps.Ocf.Representation;

namespace Dps.Ocf;

/// <summary>A request routed to a resource, as a handler (and the access control) sees it.</summary>
public sealed class OcfRequest
{
    internal OcfRequest(
        OcfDevice device,
        OcfResource resource,
        CoapCode method,
        string @interface,
        IReadOnlyList<string> query,
        ReadOnlyMemory<byte> payload,
        Guid? peerDeviceId,
        OcfConnectionType connectionType,
        CoapRequestContext? coapContext)
    {
        Device = device;
        Resource = resource;
        Method = method;
        Interface = @interface;
        Query = query;
        Payload = payload;
        PeerDeviceId = peerDeviceId;
        ConnectionType = connectionType;
        CoapContext = coapContext;
    }

    /// <summary>The device that serves the request.</summary>
    public OcfDevice Device { get; }

    /// <summary>The target resource.</summary>
    public OcfResource Resource { get; }

    /// <summary>GET, POST, PUT or DELETE.</summary>
    public CoapCode Method { get; }

    /// <summary>The interface: the <c>if=</c> query, else the resource's default interface.</summary>
    public string Interface { get; }

    /// <summary>True when <see cref="Interface"/> is <c>oic.if.baseline</c>.</summary>
    public bool IsBaseline => string.Equals(Interface, OcfInterfaces.Baseline, StringComparison.Ordinal);

    /// <summary>The Uri-Query options (<c>name=value</c>), in order.</summary>
    public IReadOnlyList<string> Query { get; }

    /// <summary>The CBOR body (empty when none).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The peer's device UUID, from the CN (<c>uuid:…</c>) of its TLS certificate, or null.</summary>
    public Guid? PeerDeviceId { get; }

    /// <summary><c>auth-crypt</c> over TLS, else <c>anon-clear</c>.</summary>
    public OcfConnectionType ConnectionType { get; }

    /// <summary>True over TLS.</summary>
    public bool IsSecure => ConnectionType == OcfConnectionType.AuthCrypt;

    /// <summary>The CoAP request and its connection, or null for requests made inside the stack (batch, notifications of local changes).</summary>
    public CoapRequestContext? CoapContext { get; }

    /// <summary>The peer's TLS certificate, when known.</summary>
    public X509Certificate2? PeerCertificate => CoapContext?.RemoteCertificate;

    /// <summary>The first value of a query parameter, or null; a bare <c>name</c> gives "".</summary>
    public string? GetQueryParameter(string name)
    {
        foreach (string item in Query)
        {
            if (QueryMatches(item, name, out string value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Every value of a query parameter (e.g. several <c>rt=</c>).</summary>
    public IReadOnlyList<string> GetQueryParameters(string name)
    {
        List<string>? values = null;
        foreach (string item in Query)
        {
            if (QueryMatches(item, name, out string value))
            {
                (values ??= []).Add(value);
            }
        }

        return values is null ? [] : values;
    }

    /// <summary>A tolerant CBOR reader over <see cref="Payload"/>.</summary>
    public CborReader CreateReader() => OcfCbor.CreateReader(Payload);

    /// <summary>
    /// A response whose body is one map: the baseline properties (<c>rt</c>, <c>if</c>, <c>n</c>)
    /// when the interface is baseline, then what <paramref name="writeProperties"/> writes into the open map.
    /// </summary>
    public OcfResponse Respond(CoapCode code, Action<CborWriter> writeProperties)
    {
        ArgumentNullException.ThrowIfNull(writeProperties);
        var writer = OcfCbor.CreateWriter();
        writer.WriteStartMap(null);
        if (IsBaseline)
        {
            OcfCbor.WriteBaselineProperties(writer, Resource);
        }

        writeProperties(writer);
        writer.WriteEndMap();
        return OcfResponse.FromWriter(code, writer);
    }

    /// <summary>2.05 Content with a map body (see <see cref="Respond"/>).</summary>
    public OcfResponse Content(Action<CborWriter> writeProperties) => Respond(CoapCode.Content, writeProperties);

    internal OcfRequest With(OcfResource resource, string @interface) =>
        new(Device, resource, CoapCode.Get, @interface, [], default, PeerDeviceId, ConnectionType, CoapContext);

    internal static bool QueryMatches(string item, string name, out string value)
    {
        int equals = item.IndexOf('=', StringComparison.Ordinal);
        string key = equals < 0 ? item : item[..equals];
        if (string.Equals(key, name, StringComparison.Ordinal))
        {
            value = equals < 0 ? string.Empty : item[(equals + 1)..];
            return true;
        }

        value = string.Empty;
        return false;
    }
}
