using Dps.Client;
using Dps.IntegrationTests.Harness;
using Dps.Ocf.Cloud;
using Dps.Service.Faults;

namespace Dps.IntegrationTests;

/// <summary>Renewal of the identity certificate (PROTOCOL §2.10, §3.7) while the device stays online.</summary>
[Category("Integration")]
public sealed class RenewalTests
{
    // The first identity certificate lives 13 s and the device's expiring limit is 10 s: renewal
    // is due 10 s after provisioning (the shortest renewal delay), while the certificate is still valid.
    [Test]
    [CancelAfter(40_000)]
    public async Task Renewal_ShortLivedIdentityCertificate_InstallsNewCertificateOnTheSameHubConnection(CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken: cancellationToken);
        service.Arm("""[{"step": "credentials", "kind": "short-lived-certificate", "lifetime": "13s", "count": 1}]""");
        await using var device = DeviceUnderTest.Create(service, service.IssueDevice(), o => o.ExpiringLimit = TimeSpan.FromSeconds(10));
        device.Start();
        await device.WaitForProvisionedAndLoggedInAsync(cancellationToken);
        var deviceId = device.DeviceId.ToString("D");
        var hubConnection = service.Host.Hub.GetConnection(deviceId);
        var cloudEvents = device.CloudHistory.Count;
        var signIns = service.RequestCount(FaultStep.HubSignIn);
        string firstSerial;
        DateTime firstNotAfter;
        using (var identity = device.Dps.Device.GetDpsIdentity())
        {
            firstSerial = identity!.Certificate.SerialNumber;
            firstNotAfter = identity.Certificate.NotAfter;
        }

        await device.WaitAsync(
            () => device.DpsHistory.Any(e => e.PreviousStatus.HasFlag(DpsStatus.RenewCredentials) && !e.Status.HasFlag(DpsStatus.RenewCredentials)),
            cancellationToken);

        using var renewed = device.Dps.Device.GetDpsIdentity();
        Assert.Multiple(() =>
        {
            Assert.That(hubConnection, Is.Not.Null);
            Assert.That(service.RequestCount(FaultStep.Credentials), Is.EqualTo(2), "one renewal request");
            Assert.That(service.RequestCount(FaultStep.Time), Is.EqualTo(1), "no re-provisioning");
            Assert.That(renewed!.Certificate.SerialNumber, Is.Not.EqualTo(firstSerial), "a new certificate is installed");
            Assert.That(renewed.Certificate.NotAfter, Is.GreaterThan(firstNotAfter));
            Assert.That(device.Status & DeviceUnderTest.Provisioned, Is.EqualTo(DeviceUnderTest.Provisioned));
            Assert.That(device.CloudStatus & CloudStatus.LoggedIn, Is.EqualTo(CloudStatus.LoggedIn));
            Assert.That(device.CloudHistory.Skip(cloudEvents).Where(s => (s & CloudStatus.LoggedIn) == 0), Is.Empty, "the cloud never left LoggedIn");
            Assert.That(service.Host.Hub.GetConnection(deviceId), Is.SameAs(hubConnection), "the same hub connection");
            Assert.That(service.RequestCount(FaultStep.HubSignIn), Is.EqualTo(signIns), "no new sign-in");
        });
    }
}
