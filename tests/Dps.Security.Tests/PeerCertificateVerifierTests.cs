using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dps.Testing.Pki;

namespace Dps.Security.Tests;

public sealed class PeerCertificateVerifierTests
{
    private static TestPki Pki => TestPki.Shared;

    private static DateTimeOffset Now => Pki.ValidFrom.AddDays(2);

    private static DateTimeOffset AfterExpiry => Pki.ValidFrom.AddYears(12);

    private static X509Certificate2[] ServerChain => [Pki.DpsServer.Certificate];

    private static ServerCertificateVerification Anchors(params X509Certificate2[] anchors)
    {
        var verification = new ServerCertificateVerification();
        foreach (X509Certificate2 anchor in anchors)
        {
            verification.TrustAnchors.Add(anchor);
        }

        return verification;
    }

    [Test]
    public void EvaluateServer_RightAnchor_Trusted()
    {
        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, Anchors(Pki.HubCa.Certificate), Now);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.Trusted));
            Assert.That(decision.IsAccepted, Is.True);
        });
    }

    [Test]
    public void EvaluateServer_WrongAnchor_RejectedUntrusted()
    {
        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, Anchors(Pki.RootCa.Certificate), Now);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.RejectedUntrusted));
            Assert.That(decision.IsAccepted, Is.False);
            Assert.That(decision.ChainErrors, Is.Not.EqualTo(X509ChainStatusFlags.NoError));
        });
    }

    [Test]
    public void EvaluateServer_NoCertificate_Rejected()
    {
        var verification = Anchors(Pki.HubCa.Certificate);
        verification.SkipVerify = true;

        var decision = PeerCertificateVerifier.EvaluateServer([], verification, Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.RejectedNoCertificate));
    }

    [Test]
    public void EvaluateServer_SkipVerifyWrongAnchor_Accepted()
    {
        var verification = Anchors(Pki.RootCa.Certificate);
        verification.SkipVerify = true;

        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, verification, Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.AcceptedBySkipVerify));
    }

    [Test]
    public void EvaluateServer_DeviceIdentityCertificateWithoutHostName_TrustedByAnchor()
    {
        // OCF server certificates carry CN=uuid:... and no SAN: names are never checked.
        var decision = PeerCertificateVerifier.EvaluateServer([Pki.HubIdentityDevice.Certificate], Anchors(Pki.HubCa.Certificate), Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.Trusted));
    }

    [TestCase("leaf")]
    [TestCase("intermediate")]
    [TestCase("root")]
    public void EvaluateServer_FingerprintOfChainCertificate_AcceptedDespiteNoAnchors(string which)
    {
        X509Certificate2 target = which switch
        {
            "leaf" => Pki.MfgDevice.Certificate,
            "intermediate" => Pki.MfgCa.Certificate,
            _ => Pki.RootCa.Certificate,
        };
        var verification = new ServerCertificateVerification { Fingerprint = CertificateFingerprint.Compute(target, HashAlgorithmName.SHA256) };

        var decision = PeerCertificateVerifier.EvaluateServer([Pki.MfgDevice.Certificate, Pki.MfgCa.Certificate, Pki.RootCa.Certificate], verification, Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.AcceptedByFingerprint));
    }

    [Test]
    public void EvaluateServer_FingerprintSha384OfLeaf_Accepted()
    {
        var verification = new ServerCertificateVerification { Fingerprint = CertificateFingerprint.Compute(Pki.DpsServer.Certificate, HashAlgorithmName.SHA384) };

        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, verification, Now);

        Assert.That(decision.IsAccepted, Is.True);
    }

    [Test]
    public void EvaluateServer_UnrelatedFingerprint_RejectedEvenWithSkipVerify()
    {
        var verification = new ServerCertificateVerification
        {
            Fingerprint = CertificateFingerprint.Compute(Pki.RootCa.Certificate, HashAlgorithmName.SHA256),
            SkipVerify = true,
        };

        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, verification, Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.RejectedFingerprintMismatch));
    }

    [Test]
    public void EvaluateServer_TrustedChainUnrelatedFingerprint_StillTrusted()
    {
        var verification = Anchors(Pki.HubCa.Certificate);
        verification.Fingerprint = CertificateFingerprint.Compute(Pki.RootCa.Certificate, HashAlgorithmName.SHA256);

        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, verification, Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.Trusted));
    }

    [Test]
    public void EvaluateServer_ExpiredWithoutIgnoreValidity_Rejected()
    {
        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, Anchors(Pki.HubCa.Certificate), AfterExpiry);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.RejectedUntrusted));
            Assert.That(decision.ChainErrors & X509ChainStatusFlags.NotTimeValid, Is.EqualTo(X509ChainStatusFlags.NotTimeValid));
        });
    }

    [TestCase(12 * 365)]
    [TestCase(-3)]
    public void EvaluateServer_OutsideValidityWithIgnoreValidity_Accepted(int days)
    {
        var verification = Anchors(Pki.HubCa.Certificate);
        verification.IgnoreValidityPeriod = true;

        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, verification, Pki.ValidFrom.AddDays(days));

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.AcceptedIgnoringValidityPeriod));
    }

    [Test]
    public void EvaluateServer_IgnoreValidityWrongAnchor_Rejected()
    {
        var verification = Anchors(Pki.RootCa.Certificate);
        verification.IgnoreValidityPeriod = true;

        var decision = PeerCertificateVerifier.EvaluateServer(ServerChain, verification, AfterExpiry);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.RejectedUntrusted));
    }

    [Test]
    public void EvaluateClient_NoCertificateRequired_Rejected()
    {
        var decision = PeerCertificateVerifier.EvaluateClient([], true, [Pki.RootCa.Certificate], [], Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.RejectedNoCertificate));
    }

    [Test]
    public void EvaluateClient_NoCertificateOptional_Accepted()
    {
        var decision = PeerCertificateVerifier.EvaluateClient([], false, [Pki.RootCa.Certificate], [], Now);

        Assert.That(decision.IsAccepted, Is.True);
    }

    [Test]
    public void EvaluateClient_LeafOnlyWithServerSideIntermediate_Trusted()
    {
        var decision = PeerCertificateVerifier.EvaluateClient([Pki.MfgDevice.Certificate], true, [Pki.RootCa.Certificate], [Pki.MfgCa.Certificate], Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.Trusted));
    }

    [Test]
    public void EvaluateClient_LeafOnlyWithoutIntermediate_Rejected()
    {
        var decision = PeerCertificateVerifier.EvaluateClient([Pki.MfgDevice.Certificate], true, [Pki.RootCa.Certificate], [], Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.RejectedUntrusted));
    }

    [Test]
    public void EvaluateClient_NoAnchors_AcceptedWithoutVerification()
    {
        var decision = PeerCertificateVerifier.EvaluateClient([Pki.DpsServer.Certificate], true, [], [], Now);

        Assert.That(decision.Outcome, Is.EqualTo(CertificateVerificationOutcome.AcceptedWithoutVerification));
    }

    [Test]
    public void GetPresentedCertificates_NullCertificate_Empty()
    {
        Assert.That(PeerCertificateVerifier.GetPresentedCertificates(null, null), Is.Empty);
    }

    [Test]
    public void GetPresentedCertificates_ChainWithExtraStore_LeafFirstDistinct()
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.ExtraStore.Add(Pki.MfgDevice.Certificate);
        chain.ChainPolicy.ExtraStore.Add(Pki.MfgCa.Certificate);

        var presented = PeerCertificateVerifier.GetPresentedCertificates(Pki.MfgDevice.Certificate, chain);

        Assert.That(presented.Select(c => c.Thumbprint), Is.EqualTo(new[] { Pki.MfgDevice.Certificate.Thumbprint, Pki.MfgCa.Certificate.Thumbprint }));
    }
}
