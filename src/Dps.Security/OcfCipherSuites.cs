using System.Net.Security;

namespace Dps.Security;

/// <summary>TLS cipher suite lists of iotivity-lite (PROTOCOL §1.2).</summary>
public static class OcfCipherSuites
{
    /// <summary>The "cloud" list the device forces on DPS and cloud connections, in its order (TLS 1.2 only).</summary>
    public static IReadOnlyList<TlsCipherSuite> Cloud { get; } =
    [
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    ];

    /// <summary>The ALPN protocol id for CoAP over TLS (RFC 8323 §4.3).</summary>
    public static SslApplicationProtocol CoapAlpn { get; } = new("coap");
}
