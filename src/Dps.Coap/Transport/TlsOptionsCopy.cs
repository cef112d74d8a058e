using System.Net.Security;

namespace Dps.Coap.Transport;

/// <summary>Copies of the .NET TLS option bags, so options handed in cannot change under a connection.</summary>
internal static class TlsOptionsCopy
{
    internal static readonly List<SslApplicationProtocol> CoapAlpn = [new SslApplicationProtocol("coap"u8.ToArray())];

    public static SslClientAuthenticationOptions Of(SslClientAuthenticationOptions source) => new()
    {
        TargetHost = source.TargetHost,
        ClientCertificates = source.ClientCertificates,
        ClientCertificateContext = source.ClientCertificateContext,
        LocalCertificateSelectionCallback = source.LocalCertificateSelectionCallback,
        RemoteCertificateValidationCallback = source.RemoteCertificateValidationCallback,
        EnabledSslProtocols = source.EnabledSslProtocols,
        CipherSuitesPolicy = source.CipherSuitesPolicy,
        ApplicationProtocols = source.ApplicationProtocols is null ? null : [.. source.ApplicationProtocols],
        CertificateRevocationCheckMode = source.CertificateRevocationCheckMode,
        CertificateChainPolicy = source.CertificateChainPolicy?.Clone(),
        EncryptionPolicy = source.EncryptionPolicy,
        AllowRenegotiation = source.AllowRenegotiation,
        AllowTlsResume = source.AllowTlsResume,
    };

    public static SslServerAuthenticationOptions Of(SslServerAuthenticationOptions source) => new()
    {
        ServerCertificate = source.ServerCertificate,
        ServerCertificateContext = source.ServerCertificateContext,
        ServerCertificateSelectionCallback = source.ServerCertificateSelectionCallback,
        ClientCertificateRequired = source.ClientCertificateRequired,
        RemoteCertificateValidationCallback = source.RemoteCertificateValidationCallback,
        EnabledSslProtocols = source.EnabledSslProtocols,
        CipherSuitesPolicy = source.CipherSuitesPolicy,
        ApplicationProtocols = source.ApplicationProtocols is null ? null : [.. source.ApplicationProtocols],
        CertificateRevocationCheckMode = source.CertificateRevocationCheckMode,
        CertificateChainPolicy = source.CertificateChainPolicy?.Clone(),
        EncryptionPolicy = source.EncryptionPolicy,
        AllowRenegotiation = source.AllowRenegotiation,
        AllowTlsResume = source.AllowTlsResume,
    };
}
