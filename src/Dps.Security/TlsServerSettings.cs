using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// What a TLS server (dps-service, test servers) presents and which client certificates it
/// accepts; <see cref="ToSslOptions"/> turns it into <see cref="SslServerAuthenticationOptions"/>.
/// </summary>
public sealed class TlsServerSettings
{
    /// <summary>The server certificate chain with key. Required.</summary>
    public TlsIdentity? ServerIdentity { get; set; }

    /// <summary>Ask for a client certificate and fail the handshake without one; default true.</summary>
    public bool ClientCertificateRequired { get; set; } = true;

    /// <summary>CAs client chains must verify against (empty = accept any client certificate).</summary>
    public IList<X509Certificate2> ClientTrustAnchors { get; } = new List<X509Certificate2>();

    /// <summary>Extra intermediates for building client chains (e.g. a manufacturer CA the device does not send).</summary>
    public IList<X509Certificate2> ClientIntermediates { get; } = new List<X509Certificate2>();

    /// <summary>
    /// Custom client decision replacing the default (<see cref="PeerCertificateVerifier.EvaluateClient"/>).
    /// It gets the stream being authenticated and the certificates the client sent, leaf first
    /// (empty when none; not called then if <see cref="ClientCertificateRequired"/>), and returns
    /// true to accept.
    /// </summary>
    public ClientCertificateValidation? ClientCertificateValidator { get; set; }

    /// <summary>TLS versions; default TLS 1.2 and 1.3.</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Restrict the cipher suites (not applied on Windows); null = the platform default.</summary>
    public IReadOnlyList<TlsCipherSuite>? CipherSuites { get; set; }

    /// <summary>Offer ALPN <c>coap</c>.</summary>
    public bool OfferCoapAlpn { get; set; } = true;

    /// <summary>Clock for certificate validity checks.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when the settings are inconsistent.</summary>
    /// <exception cref="InvalidOperationException">Something is missing or invalid.</exception>
    public void Validate()
    {
        if (ServerIdentity is null)
        {
            throw new InvalidOperationException("ServerIdentity is required.");
        }

        if (!ServerIdentity.Certificate.HasPrivateKey)
        {
            throw new InvalidOperationException("ServerIdentity has no private key.");
        }

        if (TimeProvider is null)
        {
            throw new InvalidOperationException("TimeProvider is required.");
        }

        if (CipherSuites is { Count: 0 })
        {
            throw new InvalidOperationException("CipherSuites must be null or non-empty.");
        }
    }

    /// <summary>Builds SslStream server options from the current settings (lists are copied).</summary>
    public SslServerAuthenticationOptions ToSslOptions()
    {
        Validate();
        bool required = ClientCertificateRequired;
        X509Certificate2[] anchors = [.. ClientTrustAnchors];
        X509Certificate2[] intermediates = [.. ClientIntermediates];
        ClientCertificateValidation? custom = ClientCertificateValidator;
        TimeProvider time = TimeProvider;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = ServerIdentity!.GetCertificateContext(),
            ClientCertificateRequired = required,
            EnabledSslProtocols = EnabledProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,

            // The callback decides against the configured anchors itself; the chain .NET builds
            // before calling it only supplies the sent certificates. An empty custom trust store
            // keeps that build from loading the whole system trust store on every handshake.
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            },
            RemoteCertificateValidationCallback = (sender, certificate, chain, _) =>
            {
                IReadOnlyList<X509Certificate2> presented = PeerCertificateVerifier.GetPresentedCertificates(certificate, chain);
                if (custom is not null)
                {
                    return (presented.Count > 0 || !required) && custom((SslStream)sender, presented);
                }

                return PeerCertificateVerifier.EvaluateClient(presented, required, anchors, intermediates, time.GetUtcNow()).IsAccepted;
            },
        };
        if (OfferCoapAlpn)
        {
            options.ApplicationProtocols = [OcfCipherSuites.CoapAlpn];
        }

        if (CipherSuites is not null && !OperatingSystem.IsWindows())
        {
            options.CipherSuitesPolicy = new CipherSuitesPolicy(CipherSuites);
        }

        return options;
    }
}
