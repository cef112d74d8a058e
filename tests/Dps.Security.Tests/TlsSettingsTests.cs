using System.Net.Security;
using System.Security.Authentication;
using Dps.Testing.Pki;

namespace Dps.Security.Tests;

public sealed class TlsSettingsTests
{
    [Test]
    public void ClientToSslOptions_Defaults_OfferCoapTls12And13WithCallback()
    {
        var settings = new TlsClientSettings { TargetHost = "127.0.0.1", ClientIdentity = TestPki.Shared.MfgDevice };

        SslClientAuthenticationOptions options = settings.ToSslOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.ApplicationProtocols!.Select(p => p.ToString()), Is.EqualTo(new[] { "coap" }));
            Assert.That(options.EnabledSslProtocols, Is.EqualTo(SslProtocols.Tls12 | SslProtocols.Tls13));
            Assert.That(options.ClientCertificateContext, Is.Not.Null);
            Assert.That(options.RemoteCertificateValidationCallback, Is.Not.Null);
            Assert.That(options.TargetHost, Is.EqualTo("127.0.0.1"));
        });
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ClientToSslOptions_OcfCloudCipherSuites_PolicyAndTls12Only()
    {
        var settings = new TlsClientSettings { RestrictToOcfCloudCipherSuites = true, OfferCoapAlpn = false };

        SslClientAuthenticationOptions options = settings.ToSslOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.CipherSuitesPolicy, Is.Not.Null);
            Assert.That(options.EnabledSslProtocols, Is.EqualTo(SslProtocols.Tls12));
            Assert.That(options.ApplicationProtocols, Is.Null);
            Assert.That(options.ClientCertificateContext, Is.Null);
        });
    }

    [Test]
    public void ClientToSslOptions_VerificationChangedAfterwards_OptionsUseCopy()
    {
        var settings = new TlsClientSettings();
        settings.ServerVerification.TrustAnchors.Add(TestPki.Shared.HubCa.Certificate);
        SslClientAuthenticationOptions options = settings.ToSslOptions();

        settings.ServerVerification.SkipVerify = true;
        settings.ServerVerification.TrustAnchors.Clear();

        bool accepted = options.RemoteCertificateValidationCallback!(new object(), TestPki.Shared.MfgDevice.Certificate, null, SslPolicyErrors.None);
        Assert.That(accepted, Is.False);
    }

    [Test]
    public void ClientToSslOptions_NoVerification_Throws()
    {
        var settings = new TlsClientSettings { ServerVerification = null! };

        Assert.Throws<InvalidOperationException>(() => settings.ToSslOptions());
    }

    [Test]
    public void ServerToSslOptions_NoIdentity_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new TlsServerSettings().ToSslOptions());
    }

    [Test]
    public void ServerToSslOptions_EmptyCipherList_Throws()
    {
        var settings = new TlsServerSettings { ServerIdentity = TestPki.Shared.DpsServer, CipherSuites = [] };

        Assert.Throws<InvalidOperationException>(() => settings.ToSslOptions());
    }

    [Test]
    public void ServerToSslOptions_Defaults_RequireClientCertificateAndOfferCoap()
    {
        var settings = new TlsServerSettings { ServerIdentity = TestPki.Shared.DpsServer };

        SslServerAuthenticationOptions options = settings.ToSslOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.ClientCertificateRequired, Is.True);
            Assert.That(options.ServerCertificateContext, Is.Not.Null);
            Assert.That(options.ApplicationProtocols, Has.Count.EqualTo(1));
            Assert.That(options.RemoteCertificateValidationCallback, Is.Not.Null);
        });
    }

    [Test]
    public void ServerCallback_NoClientCertificateNullChain_RejectsWithoutThrowing()
    {
        var settings = new TlsServerSettings { ServerIdentity = TestPki.Shared.DpsServer };
        settings.ClientTrustAnchors.Add(TestPki.Shared.RootCa.Certificate);
        SslServerAuthenticationOptions options = settings.ToSslOptions();

        bool accepted = options.RemoteCertificateValidationCallback!(new object(), null, null, SslPolicyErrors.RemoteCertificateNotAvailable);

        Assert.That(accepted, Is.False);
    }
}
