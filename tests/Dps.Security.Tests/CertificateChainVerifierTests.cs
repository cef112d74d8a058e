using System.Security.Cryptography.X509Certificates;
using Dps.Testing.Pki;

namespace Dps.Security.Tests;

public sealed class CertificateChainVerifierTests
{
    private static DateTimeOffset Now => TestPki.Shared.ValidFrom.AddDays(2);

    [Test]
    public void Verify_DeviceWithIntermediate_Trusted()
    {
        TestPki pki = TestPki.Shared;

        ChainVerificationResult result = CertificateChainVerifier.Verify(pki.MfgDevice.Certificate, [pki.RootCa.Certificate], pki.MfgDevice.Intermediates, Now);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsTrusted, Is.True);
            Assert.That(result.Chain.Select(c => c.Thumbprint), Is.EqualTo(new[] { pki.MfgDevice.Certificate.Thumbprint, pki.MfgCa.Certificate.Thumbprint, pki.RootCa.Certificate.Thumbprint }));
        });
    }

    [Test]
    public void Verify_IntermediateAsAnchor_Trusted()
    {
        TestPki pki = TestPki.Shared;

        Assert.That(CertificateChainVerifier.Verify(pki.MfgDevice.Certificate, [pki.MfgCa.Certificate], null, Now).IsTrusted, Is.True);
    }

    [Test]
    public void Verify_IntermediateAsAnchorAfterExpiry_NotTrusted()
    {
        TestPki pki = TestPki.Shared;

        ChainVerificationResult result = CertificateChainVerifier.Verify(pki.MfgDevice.Certificate, [pki.MfgCa.Certificate], null, pki.ValidFrom.AddYears(12));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsTrusted, Is.False);
            Assert.That(result.HasOnlyValidityPeriodErrors, Is.True);
        });
    }

    [Test]
    public void Verify_MissingIntermediate_NotTrusted()
    {
        TestPki pki = TestPki.Shared;

        ChainVerificationResult result = CertificateChainVerifier.Verify(pki.MfgDevice.Certificate, [pki.RootCa.Certificate], null, Now);

        Assert.That(result.IsTrusted, Is.False);
    }

    [Test]
    public void Verify_WrongRoot_NotTrusted()
    {
        TestPki pki = TestPki.Shared;

        ChainVerificationResult result = CertificateChainVerifier.Verify(pki.DpsServer.Certificate, [pki.RootCa.Certificate], null, Now);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsTrusted, Is.False);
            Assert.That(result.HasOnlyValidityPeriodErrors, Is.False);
        });
    }

    [Test]
    public void Verify_NoAnchors_NotTrusted()
    {
        Assert.That(CertificateChainVerifier.Verify(TestPki.Shared.DpsServer.Certificate, [], null, Now).IsTrusted, Is.False);
    }

    [Test]
    public void Verify_AfterExpiry_OnlyValidityPeriodErrors()
    {
        TestPki pki = TestPki.Shared;

        ChainVerificationResult result = CertificateChainVerifier.Verify(pki.DpsServer.Certificate, [pki.HubCa.Certificate], null, pki.ValidFrom.AddYears(12));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsTrusted, Is.False);
            Assert.That(result.Errors & X509ChainStatusFlags.NotTimeValid, Is.EqualTo(X509ChainStatusFlags.NotTimeValid));
            Assert.That(result.HasOnlyValidityPeriodErrors, Is.True);
        });
    }

    [Test]
    public void Verify_BeforeValidity_OnlyValidityPeriodErrors()
    {
        TestPki pki = TestPki.Shared;

        ChainVerificationResult result = CertificateChainVerifier.Verify(pki.DpsServer.Certificate, [pki.HubCa.Certificate], null, pki.ValidFrom.AddDays(-3));

        Assert.That(result.HasOnlyValidityPeriodErrors, Is.True);
    }
}
