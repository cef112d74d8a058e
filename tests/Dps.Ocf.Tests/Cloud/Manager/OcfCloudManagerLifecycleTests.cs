using Dps.Coap;
using Dps.Ocf.Cloud;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>Redirects, restarts and configuration changes of the cloud manager (loopback TLS, test clock).</summary>
[Category("Integration")]
public sealed class OcfCloudManagerLifecycleTests
{
    private static readonly TimeSpan Zero = TimeSpan.Zero;

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static async Task<List<HubRequest>> ReadAsync(HubGateway hub, int count, CancellationToken cancellationToken)
    {
        var requests = new List<HubRequest>();
        for (int i = 0; i < count; i++)
        {
            requests.Add(await hub.NextAsync(cancellationToken));
        }

        return requests;
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SignUp_RedirectUri_SignsInOnTheRedirectedServer(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig(secondHub: true);
        rig.Hub.RedirectUri = rig.Hub2!.Uri;
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();

        var signUp = await rig.Hub.NextAsync(cancellationToken);
        var onSecond = await ReadAsync(rig.Hub2, 2, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(signUp.Path, Is.EqualTo("/oic/sec/account"));
            Assert.That(onSecond.Select(r => r.Path), Is.EqualTo(new[] { "/oic/sec/session", "/oic/rd" }));
            Assert.That(manager.SelectedServer, Is.EqualTo(new CloudServer(rig.Hub2.Uri, CloudRig.HubId)), "the redirect keeps the current sid");
            Assert.That(manager.Servers.Select(s => s.Uri), Does.Not.Contain(rig.Hub.Uri));
            Assert.That(rig.ServerChanges, Has.Count.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SignIn_BadRequest_Clec1AndReconnectsAfterFirstRetryDelay(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        rig.Hub.AnswerNext("/oic/sec/session", CoapCode.BadRequest);
        rig.CreateManager(rig.ReadyToRegister()).Start();

        var first = await ReadAsync(rig.Hub, 2, cancellationToken);
        await rig.NextEventAsync(cancellationToken);
        var failed = await rig.NextEventAsync(cancellationToken);
        await rig.Clock.AdvanceToAsync(S(1.5), cancellationToken);
        var second = await ReadAsync(rig.Hub, 3, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(r => r.Path), Is.EqualTo(new[] { "/oic/sec/account", "/oic/sec/session" }));
            Assert.That(failed.Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.Failure));
            Assert.That(failed.LastError, Is.EqualTo(CloudError.ResponseError));
            Assert.That(second.Select(r => r.Path), Is.EqualTo(new[] { "/oic/sec/tokenrefresh", "/oic/sec/session", "/oic/rd" }));
            Assert.That(second.Select(r => r.At), Has.All.EqualTo(S(1.5)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RestartAsync_LoggedIn_RefreshesSignsInAndPublishesAtOnce(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        await ReadAsync(rig.Hub, 3, cancellationToken);
        await rig.WaitForStatusAsync(CloudStatus.LoggedIn, cancellationToken);

        await manager.RestartAsync(cancellationToken);
        var afterRestart = await ReadAsync(rig.Hub, 3, cancellationToken);
        var loggedOutOfSession = await rig.NextEventAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(afterRestart.Select(r => r.Path), Is.EqualTo(new[] { "/oic/sec/tokenrefresh", "/oic/sec/session", "/oic/rd" }));
            Assert.That(afterRestart.Select(r => r.At), Has.All.EqualTo(Zero));
            Assert.That(loggedOutOfSession.Status, Is.EqualTo(CloudStatus.Registered));
            Assert.That(loggedOutOfSession.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Registered));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ApplyConfigurationAsync_NewServerWhileRunning_RegistersWithTheNewConfiguration(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig(secondHub: true);
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        await ReadAsync(rig.Hub, 3, cancellationToken);

        await manager.ApplyConfigurationAsync(
            new CloudConfUpdate { CiServer = rig.Hub2!.Uri, Sid = CloudRig.Hub2Id, AccessToken = "dps-at-2", AuthProvider = "plgd" },
            cancellationToken);
        var signUp = await rig.Hub2.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That((signUp.Path, signUp.At), Is.EqualTo(("/oic/sec/account", Zero)));
            Assert.That(CborTree.Get(signUp.Body, "accesstoken"), Is.EqualTo("dps-at-2"));
            Assert.That(manager.SelectedServer, Is.EqualTo(new CloudServer(rig.Hub2.Uri, CloudRig.Hub2Id)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ApplyConfigurationAsync_Reset_DeregistersAndClears(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        await ReadAsync(rig.Hub, 3, cancellationToken);
        await rig.WaitForStatusAsync(CloudStatus.LoggedIn, cancellationToken);

        await manager.ApplyConfigurationAsync(new CloudConfUpdate { CiServer = string.Empty }, cancellationToken);
        var delete = await rig.Hub.NextAsync(cancellationToken);
        var stored = rig.Stored();

        Assert.Multiple(() =>
        {
            Assert.That((delete.Method, delete.Path), Is.EqualTo((CoapCode.Delete, "/oic/sec/account")));
            Assert.That(manager.IsRunning, Is.False);
            Assert.That(manager.SelectedServer.Uri, Is.EqualTo(CloudConfiguration.DefaultCiServer));
            Assert.That(manager.Cps, Is.EqualTo(CloudProvisioningStatus.Uninitialized));
            Assert.That(stored.CiServer, Is.EqualTo(CloudConfiguration.DefaultCiServer));
            Assert.That(stored.AccessToken, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Refresh_RetriesExhausted_Clec3AndNextServer(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig(secondHub: true);
        var stored = rig.ReadyToRegister();
        stored.Uid = "1";
        stored.AccessToken = "old-at";
        stored.RefreshToken = "old-rt";
        stored.ExpiresIn = 3600;
        stored.Status = (int)CloudStatus.Registered;
        stored.ProvisioningStatus = CloudProvisioningStatus.Registered;
        rig.Hub.AnswerAlways("/oic/sec/tokenrefresh", CoapCode.GatewayTimeout);
        rig.CreateManager(stored).Start();

        var attempts = new List<TimeSpan> { (await rig.Hub.NextAsync(cancellationToken)).At };
        foreach (double at in new[] { 3, 9, 21, 45, 93 })
        {
            await rig.Clock.AdvanceToAsync(S(at), cancellationToken);
            attempts.Add((await rig.Hub.NextAsync(cancellationToken)).At);
        }

        var failure = await rig.NextEventAsync(cancellationToken);
        var onSecond = await ReadAsync(rig.Hub2!, 3, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(new[] { Zero, S(3), S(9), S(21), S(45), S(93) }));
            Assert.That(failure.Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.Failure));
            Assert.That(failure.LastError, Is.EqualTo(CloudError.RefreshTokenError));
            Assert.That(onSecond.Select(r => r.Path), Is.EqualTo(new[] { "/oic/sec/tokenrefresh", "/oic/sec/session", "/oic/rd" }));
            Assert.That(onSecond.Select(r => r.At), Has.All.EqualTo(S(93)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task UnpublishAsync_PublishedLink_DeletesWithTheHubAssignedIns(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        await ReadAsync(rig.Hub, 3, cancellationToken);
        await rig.Clock.WaitForTimerAsync(S(20), cancellationToken);

        bool unpublished = await manager.UnpublishAsync(["/light/1", "/not/published"], cancellationToken);
        var delete = await rig.Hub.NextAsync(cancellationToken);
        bool again = await manager.UnpublishAsync(["/light/1"], cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(unpublished, Is.True);
            Assert.That((delete.Method, delete.Path), Is.EqualTo((CoapCode.Delete, "/oic/rd")));
            Assert.That(delete.Message.UriQuery, Is.EqualTo(new[] { "di=" + rig.DeviceId, "ins=1002" }));
            Assert.That(again, Is.True);
            Assert.That(rig.Hub.TryNext(out _), Is.False, "nothing left to unpublish");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task KeepAlive_RepublishIntervalElapsed_PublishesTheLinksAgain(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister(), options: new CloudManagerOptions { RepublishInterval = S(30) });
        manager.Start();
        var first = await ReadAsync(rig.Hub, 3, cancellationToken);

        await rig.Clock.AdvanceToAsync(S(20), cancellationToken);
        await rig.Clock.AdvanceToAsync(S(30), cancellationToken);
        var again = await rig.Hub.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first[2].Path, Is.EqualTo("/oic/rd"));
            Assert.That((again.Method, again.Path, again.At), Is.EqualTo((CoapCode.Post, "/oic/rd", S(30))));
            Assert.That(new CloudManagerOptions().RepublishInterval, Is.EqualTo(TimeSpan.FromHours(1)), "iotivity republishes hourly");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RemoveResource_PublishedThroughTheAttachedManager_Unpublished(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        await using var stack = new OcfStack(new OcfStackOptions { Store = rig.Store });
        var device = stack.Devices[0];
        device.AddResource(new OcfResource("/light/1", ["core.light"], [OcfInterfaces.ReadWrite]));
        var manager = rig.CreateManager(rig.ReadyToRegister());
        device.AttachCloudManager(manager);
        manager.Start();
        await ReadAsync(rig.Hub, 3, cancellationToken);

        bool removed = device.RemoveResource("/light/1");
        var delete = await rig.Hub.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.True);
            Assert.That((delete.Method, delete.Path), Is.EqualTo((CoapCode.Delete, "/oic/rd")));
            Assert.That(delete.Message.UriQuery, Is.EqualTo(new[] { "di=" + rig.DeviceId, "ins=1002" }));
        });
    }
}
