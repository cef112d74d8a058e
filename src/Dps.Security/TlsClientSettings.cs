using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// What a TLS client (the device on a DPS or cloud connection) presents and accepts;
/// <see cref="ToSslOptions"/> turns it into <see cref="SslClientAuthenticationOptions"/>.
/// </summary>
public sealed class TlsClientSettings
{
    /// <summary>Host name for SNI; the certificate's name is never checked against it.</summary>
    public string TargetHost { get; set; } = string.Empty;

    /// <summary>The client certificate chain with key (manufacturer or identity); null = none.</summary>
    public TlsIdentity? ClientIdentity { get; set; }

    /// <summary>How the server certificate is verified.</summary>
    public ServerCertificateVerification ServerVerification { get; set; } = new();

    /// <summary>TLS versions; default TLS 1.2 and 1.3.</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// Restrict the cipher suites to <see cref="OcfCipherSuites.Cloud"/> (not applied on Windows).
    /// The list holds TLS 1.2 suites only, so TLS 1.3 is then disabled (as on the C device).
    /// </summary>
    public bool RestrictToOcfCloudCipherSuites { get; set; }

    /// <summary>Offer ALPN <c>coap</c> (the server need not agree).</summary>
    public bool OfferCoapAlpn { get; set; } = true;

    /// <summary>Clock for certificate validity checks.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when the settings are inconsistent.</summary>
    /// <exception cref="InvalidOperationException">Something is missing or invalid.</exception>
    public void Validate()
    {
        if (ServerVerification is null)
        {
            throw new InvalidOperationException("ServerVerification is required.");
        }

        if (TimeProvider is null)
        {
            throw new InvalidOperationException("TimeProvider is required.");
        }

        if (ClientIdentity is not null && !ClientIdentity.Certificate.HasPrivateKey)
        {
            throw new InvalidOperationException("ClientIdentity has no private key.");
        }
    }

    /// <summary>Builds SslStream client options from the current settings (verification settings are copied).</summary>
    public SslClientAuthenticationOptions ToSslOptions()
    {
        Validate();
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = TargetHost,
            EnabledSslProtocols = EnabledProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = PeerCertificateVerifier.CreateServerCallback(ServerVerification, TimeProvider),

            // A device changes identity (manufacturer → DPS identity → a new one after a factory
            // reset) towards the same host and port; a resumed session would carry the old client
            // certificate, so every handshake is a full one.
            AllowTlsResume = false,
        };
        // The callback decides against the trust anchors (or the fingerprint) itself and reads only the
        // sent certificates from the chain .NET builds before calling it; an empty custom trust store
        // keeps that build from loading the whole system trust store on every handshake.
        options.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };

        if (ClientIdentity is not null)
        {
            options.ClientCertificateContext = ClientIdentity.GetCertificateContext();
        }

        if (OfferCoapAlpn)
        {
            options.ApplicationProtocols = [OcfCipherSuites.CoapAlpn];
        }

        if (RestrictToOcfCloudCipherSuites && !OperatingSystem.IsWindows())
        {
            options.CipherSuitesPolicy = new CipherSuitesPolicy(OcfCipherSuites.Cloud);
            options.EnabledSslProtocols = SslProtocols.Tls12;
        }

        return options;
    }
}
