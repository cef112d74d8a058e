using System.Security.Cryptography;
using Dps.Client;
using Dps.IntegrationTests.Harness;
using Dps.Service.Configuration;

namespace Dps.IntegrationTests;

/// <summary>How the device verifies the DPS server certificate (PROTOCOL §1.4) over real TLS.</summary>
[Category("Integration")]
public sealed class ServerVerificationTests
{
    [Test]
    [CancelAfter(20_000)]
    public async Task Start_WrongDpsCa_FailsAndKeepsRetrying(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice(), dpsTrustAnchorPem: WrongCaPem(service));

        device.Start();
        await device.WaitAsync(() => FailedAttempts(device) >= 3, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(device.Status & DpsStatus.Failure, Is.EqualTo(DpsStatus.Failure));
            Assert.That(device.Status & DpsStatus.ProvisionedMask, Is.EqualTo(DpsStatus.Uninitialized), "nothing provisioned");
            Assert.That(service.TotalDpsRequests(), Is.Zero, "no request gets through an unverified connection");
            Assert.That(device.Dps.Context.IsStarted, Is.True, "still running, retrying");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_WrongDpsCaWithSkipVerify_Provisions(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice(), o => o.SkipVerify = true, dpsTrustAnchorPem: WrongCaPem(service));

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        Assert.That(service.DpsRequestCounts(), Is.EqualTo(new long[] { 1, 1, 1, 1, 1 }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_WrongDpsCaWithServerFingerprint_Provisions(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var fingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, service.DpsServerFingerprintSha256());
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice(), o => o.CertificateFingerprint = fingerprint, dpsTrustAnchorPem: WrongCaPem(service));

        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);

        Assert.That(service.DpsRequestCounts(), Is.EqualTo(new long[] { 1, 1, 1, 1, 1 }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_WrongDpsCaWithOtherFingerprint_Fails(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        var digest = service.DpsServerFingerprintSha256();
        digest[0] ^= 0xFF;
        var fingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, digest);
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice(), o => o.CertificateFingerprint = fingerprint, dpsTrustAnchorPem: WrongCaPem(service));

        device.Start();
        await device.WaitAsync(() => FailedAttempts(device) >= 2, cancellationToken);

        Assert.That(service.TotalDpsRequests(), Is.Zero);
    }

    // A real CA of the setup that did not sign the DPS server certificate: the hub's.
    private static string WrongCaPem(ServiceUnderTest service) =>
        File.ReadAllText(Path.Combine(service.Directory, ServiceConfigTemplate.CloudCaCertificateFile));

    private static int FailedAttempts(DeviceUnderTest device) =>
        device.DpsHistory.Count(e => e.Status.HasFlag(DpsStatus.Failure) && !e.PreviousStatus.HasFlag(DpsStatus.Failure));
}
