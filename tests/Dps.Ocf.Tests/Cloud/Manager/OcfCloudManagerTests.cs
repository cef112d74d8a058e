using Dps.Coap;
using Dps.Ocf.Cloud;
using Dps.Testing;
using Pki = Dps.Testing.Pki.TestPki;
using Dps.Testing.Vectors;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>
/// The cloud manager against a scripted hub over real loopback TLS; every wait runs on a test clock
/// (jitter fixed at half of its range, so retry delays are 0.75 × the entry).
/// </summary>
[Category("Integration")]
public sealed class OcfCloudManagerTests
{
    private static readonly TimeSpan Zero = TimeSpan.Zero;

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_ReadyToRegister_SignsUpSignsInPublishesAtOnceThenPingsAndRefreshes(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        rig.Hub.SignInExpiresIn = 300;
        rig.CreateManager(rig.ReadyToRegister()).Start();

        var signUp = await rig.Hub.NextAsync(cancellationToken);
        var signIn = await rig.Hub.NextAsync(cancellationToken);
        var publish = await rig.Hub.NextAsync(cancellationToken);
        for (int t = 20; t <= 160; t += 20)
        {
            await rig.Clock.AdvanceToAsync(S(t), cancellationToken);
        }

        // expiresin 300 s → refresh 2 min before expiry, at 180 s (the ping due then is skipped).
        await rig.Clock.AdvanceToAsync(S(180), cancellationToken);
        var refresh = await rig.Hub.NextAsync(cancellationToken);
        var signInAgain = await rig.Hub.NextAsync(cancellationToken);
        await rig.Clock.WaitForTimerAsync(S(200), cancellationToken);
        bool more = rig.Hub.TryNext(out _);

        Assert.Multiple(() =>
        {
            Assert.That((signUp.Method, signUp.Path, signUp.At), Is.EqualTo((CoapCode.Post, "/oic/sec/account", Zero)));
            Assert.That((signIn.Method, signIn.Path, signIn.At), Is.EqualTo((CoapCode.Post, "/oic/sec/session", Zero)));
            Assert.That((publish.Method, publish.Path, publish.At), Is.EqualTo((CoapCode.Post, "/oic/rd", Zero)));
            Assert.That(rig.Logger.WithEventId(3614), Has.Count.EqualTo(8), "pings answered at 20, 40, … 160 s");
            Assert.That((refresh.Path, refresh.At), Is.EqualTo(("/oic/sec/tokenrefresh", S(180))));
            Assert.That((signInAgain.Path, signInAgain.At), Is.EqualTo(("/oic/sec/session", S(180))));
            Assert.That(CborTree.Get(signInAgain.Body, "accesstoken"), Is.EqualTo("hub-at-2"));
            Assert.That(more, Is.False, "no re-publish after a pure token refresh");
            Assert.That(rig.Manager.Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.LoggedIn));
            Assert.That(rig.Logger.Errors, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_ReadyToRegister_RequestsCarryTheVectorKeys(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        rig.CreateManager(rig.ReadyToRegister()).Start();

        var signUp = await rig.Hub.NextAsync(cancellationToken);
        var signIn = await rig.Hub.NextAsync(cancellationToken);
        var publish = await rig.Hub.NextAsync(cancellationToken);
        string di = rig.DeviceId.ToString();
        var links = ((List<object?>)CborTree.Get(publish.Body, "links")!).Cast<List<KeyValuePair<string, object?>>>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(CborTree.Keys(signUp.Body), Is.EqualTo(CborTree.Keys(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.SignUpRequest)))));
            Assert.That(CborTree.Get(signUp.Body, "di"), Is.EqualTo(di));
            Assert.That(CborTree.Get(signUp.Body, "authprovider"), Is.EqualTo("plgd"));
            Assert.That(CborTree.Get(signUp.Body, "accesstoken"), Is.EqualTo(CloudRig.DpsAccessToken));
            Assert.That(CborTree.Get(signUp.Body, "devicetype"), Is.EqualTo("device"));
            Assert.That(CborTree.Keys(signIn.Body), Is.EqualTo(CborTree.Keys(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.SignInRequest)))));
            Assert.That(CborTree.Get(signIn.Body, "uid"), Is.EqualTo("1"));
            Assert.That(CborTree.Get(signIn.Body, "accesstoken"), Is.EqualTo("hub-at-1"));
            Assert.That(CborTree.Get(signIn.Body, "login"), Is.EqualTo(true));
            Assert.That(CborTree.Keys(publish.Body), Is.EqualTo(CborTree.Keys(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.PublishRequest)))));
            Assert.That(publish.Message.UriQuery, Is.EqualTo(new[] { "rt=oic.wk.rdpub" }));
            Assert.That(CborTree.Get(publish.Body, "n"), Is.EqualTo("anchor-dev"));
            Assert.That(CborTree.Get(publish.Body, "ttl"), Is.EqualTo(0L));
            Assert.That(links.Select(l => CborTree.Get(l, "href")), Is.EqualTo(new[] { "/oic/d", "/oic/p", "/light/1" }));
            Assert.That(links.Select(CborTree.Keys), Has.All.EqualTo(new[] { "href", "rt", "if", "rel", "ins", "p" }));
            Assert.That(links.Select(l => CborTree.Get(l, "rel")), Has.All.EqualTo("hosts"));
            Assert.That(links.Select(l => CborTree.Get((List<KeyValuePair<string, object?>>)CborTree.Get(l, "p")!, "bm")), Is.EqualTo(new[] { 3L, 3L, 1L }));
            foreach (var request in new[] { signUp, signIn, publish })
            {
                Assert.That(request.Message.ContentFormat, Is.EqualTo(10000));
                Assert.That(request.Message.Accept, Is.EqualTo(10000));
                Assert.That(request.Message.Options.GetUInt(CoapOptionNumber.OcfContentFormatVersion), Is.EqualTo(2048));
                Assert.That(request.Message.Options.GetUInt(CoapOptionNumber.OcfAcceptContentFormatVersion), Is.EqualTo(2048));
                Assert.That(request.Message.Token.Length, Is.EqualTo(8));
            }
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_ReadyToRegister_StatusEventsAndStoreFollowIotivity(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();

        var registered = await rig.NextEventAsync(cancellationToken);
        var loggedIn = await rig.NextEventAsync(cancellationToken);
        await rig.Hub.NextAsync(cancellationToken);
        await rig.Hub.NextAsync(cancellationToken);
        await rig.Hub.NextAsync(cancellationToken);
        var stored = rig.Stored();

        Assert.Multiple(() =>
        {
            Assert.That(registered.Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.TokenExpiry));
            Assert.That(registered.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Registered));
            Assert.That(registered.LastError, Is.EqualTo(CloudError.None));
            Assert.That(loggedIn.Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.LoggedIn | CloudStatus.TokenExpiry));
            Assert.That(manager.Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.LoggedIn), "event bits cleared after the notification");
            Assert.That(manager.Cps, Is.EqualTo(CloudProvisioningStatus.Registered));
            Assert.That(manager.IsConnected, Is.True);
            Assert.That(stored.Uid, Is.EqualTo("1"));
            Assert.That(stored.AccessToken, Is.EqualTo("hub-at-1"));
            Assert.That(stored.RefreshToken, Is.EqualTo("hub-rt-1"));
            Assert.That(stored.ExpiresIn, Is.EqualTo(3600));
            Assert.That(stored.Status, Is.EqualTo(3));
            Assert.That(stored.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Registered));
            Assert.That(rig.Store.IsSecret("cloud_0"), Is.True);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SignIn_Unauthorized_ClearsAccessTokenThenRefreshesAndSignsIn(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        rig.Hub.AnswerNext("/oic/sec/session", CoapCode.Unauthorized);
        rig.CreateManager(rig.ReadyToRegister()).Start();

        var requests = new List<HubRequest>();
        for (int i = 0; i < 5; i++)
        {
            requests.Add(await rig.Hub.NextAsync(cancellationToken));
        }

        var events = new List<CloudStatusChangedEventArgs>();
        for (int i = 0; i < 4; i++)
        {
            events.Add(await rig.NextEventAsync(cancellationToken));
        }

        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Path), Is.EqualTo(new[] { "/oic/sec/account", "/oic/sec/session", "/oic/sec/tokenrefresh", "/oic/sec/session", "/oic/rd" }));
            Assert.That(requests.Select(r => r.At), Has.All.EqualTo(Zero));
            Assert.That(CborTree.Get(requests[2].Body, "refreshtoken"), Is.EqualTo("hub-rt-1"));
            Assert.That(CborTree.Get(requests[2].Body, "granttype"), Is.EqualTo("refresh_token"));
            Assert.That(CborTree.Get(requests[3].Body, "accesstoken"), Is.EqualTo("hub-at-2"));
            Assert.That(events[1].Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.Failure));
            Assert.That(events[1].LastError, Is.EqualTo(CloudError.Unauthorized));
            Assert.That(events[2].Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.RefreshedToken));
            Assert.That(events[3].Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.LoggedIn | CloudStatus.TokenExpiry));
            Assert.That(events[3].LastError, Is.EqualTo(CloudError.None));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SignUp_ServiceUnavailable_RetriesFollowTheSchedule(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        for (int i = 0; i < 3; i++)
        {
            rig.Hub.AnswerNext("/oic/sec/account", CoapCode.ServiceUnavailable);
        }

        rig.CreateManager(rig.ReadyToRegister()).Start();
        var attempts = new List<HubRequest> { await rig.Hub.NextAsync(cancellationToken) };
        foreach (double at in new[] { 3, 9, 21 })
        {
            await rig.Clock.AdvanceToAsync(S(at), cancellationToken);
            attempts.Add(await rig.Hub.NextAsync(cancellationToken));
        }

        var signIn = await rig.Hub.NextAsync(cancellationToken);
        var publish = await rig.Hub.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            // Attempt 0 at once; attempt c after entry/2 + random(entry/2) with entries 4, 8, 16 s.
            Assert.That(attempts.Select(a => a.At), Is.EqualTo(new[] { Zero, S(3), S(9), S(21) }));
            Assert.That(attempts.Select(a => a.Path), Has.All.EqualTo("/oic/sec/account"));
            Assert.That(rig.Random.Ranges.Take(3), Is.EqualTo(new[] { 2000, 4000, 8000 }));
            Assert.That((signIn.Path, signIn.At), Is.EqualTo(("/oic/sec/session", S(21))), "sign-in goes out at once after sign-up");
            Assert.That((publish.Path, publish.At), Is.EqualTo(("/oic/rd", S(21))));
            Assert.That(rig.Manager.LastError, Is.EqualTo(CloudError.None));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SignUp_RetriesExhausted_SelectsNextServerAndRegistersThere(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig(secondHub: true);
        rig.Hub.AnswerAlways("/oic/sec/account", CoapCode.ServiceUnavailable);
        rig.CreateManager(rig.ReadyToRegister()).Start();

        var attempts = new List<HubRequest> { await rig.Hub.NextAsync(cancellationToken) };
        foreach (double at in new[] { 3, 9, 21, 45, 93 })
        {
            await rig.Clock.AdvanceToAsync(S(at), cancellationToken);
            attempts.Add(await rig.Hub.NextAsync(cancellationToken));
        }

        var failure = await rig.NextEventAsync(cancellationToken);
        var signUp = await rig.Hub2!.NextAsync(cancellationToken);
        var signIn = await rig.Hub2.NextAsync(cancellationToken);
        await rig.Hub2.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(attempts.Select(a => a.At), Is.EqualTo(new[] { Zero, S(3), S(9), S(21), S(45), S(93) }));
            Assert.That(failure.Status, Is.EqualTo(CloudStatus.Failure));
            Assert.That(failure.LastError, Is.EqualTo(CloudError.ConnectError));
            Assert.That(rig.ServerChanges, Has.Count.EqualTo(1));
            Assert.That(rig.ServerChanges[0].Previous, Is.EqualTo(new CloudServer(rig.Hub.Uri, CloudRig.HubId)));
            Assert.That(rig.ServerChanges[0].Current, Is.EqualTo(new CloudServer(rig.Hub2.Uri, CloudRig.Hub2Id)));
            Assert.That((signUp.Path, signUp.At), Is.EqualTo(("/oic/sec/account", S(93))));
            Assert.That((signIn.Path, signIn.At), Is.EqualTo(("/oic/sec/session", S(93))));
            Assert.That(rig.Manager.SelectedServer, Is.EqualTo(new CloudServer(rig.Hub2.Uri, CloudRig.Hub2Id)));
            Assert.That(rig.Stored().CiServer, Is.EqualTo(rig.Hub2.Uri));
            Assert.That(rig.Stored().Sid, Is.EqualTo(CloudRig.Hub2Id));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_StoredRegistered_RefreshesThenSignsInThenPublishes(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var stored = rig.ReadyToRegister();
        stored.Uid = "1";
        stored.AccessToken = "old-at";
        stored.RefreshToken = "old-rt";
        stored.ExpiresIn = 3600;
        stored.Status = (int)(CloudStatus.Registered | CloudStatus.LoggedIn | CloudStatus.Failure);
        stored.ProvisioningStatus = CloudProvisioningStatus.Registered;
        rig.Store.Save("cloud_0", stored.Encode(), secret: true);
        var manager = rig.CreateManager(configuration: null);
        var statusBeforeStart = manager.Status;
        manager.Start();

        var refresh = await rig.Hub.NextAsync(cancellationToken);
        var signIn = await rig.Hub.NextAsync(cancellationToken);
        var publish = await rig.Hub.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(statusBeforeStart, Is.EqualTo(CloudStatus.Registered), "LOGGED_IN and event bits cleared on load");
            Assert.That((refresh.Path, refresh.At), Is.EqualTo(("/oic/sec/tokenrefresh", Zero)));
            Assert.That(CborTree.Keys(refresh.Body), Is.EqualTo(CborTree.Keys(CborTree.DecodeMap(CborTree.Hex(DevicePayloads.TokenRefreshRequest)))));
            Assert.That(CborTree.Get(refresh.Body, "refreshtoken"), Is.EqualTo("old-rt"));
            Assert.That(CborTree.Get(refresh.Body, "uid"), Is.EqualTo("1"));
            Assert.That(CborTree.Get(refresh.Body, "authprovider"), Is.EqualTo("plgd"));
            Assert.That((signIn.Path, signIn.At), Is.EqualTo(("/oic/sec/session", Zero)));
            Assert.That(CborTree.Get(signIn.Body, "accesstoken"), Is.EqualTo("hub-at-1"));
            Assert.That((publish.Path, publish.At), Is.EqualTo(("/oic/rd", Zero)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task HubClosesConnection_WhileLoggedIn_ReconnectsAfterFirstRetryDelay(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        for (int i = 0; i < 3; i++)
        {
            await rig.Hub.NextAsync(cancellationToken);
        }

        await rig.WaitForStatusAsync(CloudStatus.LoggedIn, cancellationToken);
        await rig.Clock.WaitForTimerAsync(S(20), cancellationToken);
        await rig.Hub.Connections.Single().CloseAsync(cancellationToken);
        var lost = await rig.NextEventAsync(cancellationToken);
        await rig.Clock.AdvanceToAsync(S(1.5), cancellationToken);
        var refresh = await rig.Hub.NextAsync(cancellationToken);
        var signIn = await rig.Hub.NextAsync(cancellationToken);
        var publish = await rig.Hub.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(lost.Status, Is.EqualTo(CloudStatus.Registered), "LOGGED_IN cleared when the session ends");
            Assert.That((refresh.Path, refresh.At), Is.EqualTo(("/oic/sec/tokenrefresh", S(1.5))));
            Assert.That((signIn.Path, signIn.At), Is.EqualTo(("/oic/sec/session", S(1.5))));
            Assert.That((publish.Path, publish.At), Is.EqualTo(("/oic/rd", S(1.5))), "re-publish on a new connection");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task DeregisterAsync_LoggedIn_SendsDeleteAndReportsDeregistered(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        for (int i = 0; i < 3; i++)
        {
            await rig.Hub.NextAsync(cancellationToken);
        }

        bool deregistered = await manager.DeregisterAsync(cancellationToken);
        var delete = await rig.Hub.NextAsync(cancellationToken);
        var last = await rig.WaitForStatusAsync(CloudStatus.Deregistered, cancellationToken);
        var stored = rig.Stored();

        Assert.Multiple(() =>
        {
            Assert.That(deregistered, Is.True);
            Assert.That((delete.Method, delete.Path), Is.EqualTo((CoapCode.Delete, "/oic/sec/account")));
            Assert.That(delete.Message.UriQuery, Is.EqualTo(new[] { "uid=1", "di=" + rig.DeviceId, "accesstoken=hub-at-1" }));
            Assert.That(last.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Uninitialized));
            Assert.That(manager.Status, Is.EqualTo(CloudStatus.Initialized));
            Assert.That(manager.IsRunning, Is.False);
            Assert.That(stored.Uid, Is.Empty);
            Assert.That(stored.AccessToken, Is.Empty);
            Assert.That(stored.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Uninitialized));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SignOutAsync_LoggedIn_SendsLoginFalseAndReportsLoggedOut(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        for (int i = 0; i < 3; i++)
        {
            await rig.Hub.NextAsync(cancellationToken);
        }

        bool signedOut = await manager.SignOutAsync(cancellationToken);
        var request = await rig.Hub.NextAsync(cancellationToken);
        var loggedOut = await rig.WaitForStatusAsync(CloudStatus.LoggedOut, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(signedOut, Is.True);
            Assert.That(request.Path, Is.EqualTo("/oic/sec/session"));
            Assert.That(CborTree.Get(request.Body, "login"), Is.EqualTo(false));
            Assert.That(loggedOut.Status, Is.EqualTo(CloudStatus.Registered | CloudStatus.LoggedOut));
            Assert.That(manager.Status, Is.EqualTo(CloudStatus.Registered));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SignUp_Rejected_CpsFailedClec1AndNoRetry(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        rig.Hub.AnswerNext("/oic/sec/account", CoapCode.BadRequest);
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();

        var signUp = await rig.Hub.NextAsync(cancellationToken);
        var failed = await rig.NextEventAsync(cancellationToken);
        await signUp.Connection.Completion.WaitAsync(cancellationToken);
        rig.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(signUp.Path, Is.EqualTo("/oic/sec/account"));
            Assert.That(failed.Status, Is.EqualTo(CloudStatus.Failure));
            Assert.That(failed.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Failed));
            Assert.That(failed.LastError, Is.EqualTo(CloudError.ResponseError));
            Assert.That(rig.Hub.TryNext(out _), Is.False);
            Assert.That(rig.Stored().ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Failed));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Refresh_Unauthorized_ClearsTheCloudContext(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var stored = rig.ReadyToRegister();
        stored.Uid = "1";
        stored.AccessToken = "old-at";
        stored.RefreshToken = "old-rt";
        stored.ExpiresIn = 60;
        stored.Status = (int)CloudStatus.Registered;
        stored.ProvisioningStatus = CloudProvisioningStatus.Registered;
        rig.Hub.AnswerNext("/oic/sec/tokenrefresh", CoapCode.Unauthorized);
        var manager = rig.CreateManager(stored);
        manager.Start();

        await rig.Hub.NextAsync(cancellationToken);
        var failed = await rig.NextEventAsync(cancellationToken);
        var after = rig.Stored();

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status, Is.EqualTo(CloudStatus.Failure));
            Assert.That(failed.ProvisioningStatus, Is.EqualTo(CloudProvisioningStatus.Failed));
            Assert.That(failed.LastError, Is.EqualTo(CloudError.Unauthorized));
            Assert.That(after.Uid, Is.Empty);
            Assert.That(after.RefreshToken, Is.Empty);
            Assert.That(after.CiServer, Is.EqualTo(CloudConfiguration.DefaultCiServer));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SelectNextServer_LoggedIn_ReconnectsToTheNextServerAtOnce(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig(secondHub: true);
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.Start();
        for (int i = 0; i < 3; i++)
        {
            await rig.Hub.NextAsync(cancellationToken);
        }

        var selected = manager.SelectNextServer();
        var refresh = await rig.Hub2!.NextAsync(cancellationToken);
        var signIn = await rig.Hub2.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(selected, Is.EqualTo(new CloudServer(rig.Hub2.Uri, CloudRig.Hub2Id)));
            Assert.That(rig.ServerChanges.Select(c => c.Current), Is.EqualTo(new[] { selected }));
            Assert.That((refresh.Path, refresh.At), Is.EqualTo(("/oic/sec/tokenrefresh", Zero)));
            Assert.That((signIn.Path, signIn.At), Is.EqualTo(("/oic/sec/session", Zero)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task HubRequest_OnTheCloudConnection_ServedByTheDeviceHandler(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var handler = new DelegateCoapHandler(context =>
            CoapMessage.ResponseTo(context.Request, CoapCode.Content).SetPayload(new byte[] { 0xA0 }, CoapContentFormat.OcfCbor).Build());
        rig.CreateManager(rig.ReadyToRegister(), handler).Start();
        var publish = (await rig.Hub.NextAsync(cancellationToken), await rig.Hub.NextAsync(cancellationToken), await rig.Hub.NextAsync(cancellationToken)).Item3;

        var response = await publish.Connection.SendAsync(CoapMessage.Request(CoapCode.Get, "/oic/res?if=oic.if.ll").Build(), cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(response.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(handler.Count, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StatusChanged_HandlerThrows_LoggedAndFlowContinues(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig { AllowErrorLogs = true };
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.StatusChanged += (_, _) => throw new InvalidOperationException("subscriber bug");
        manager.Start();

        await rig.Hub.NextAsync(cancellationToken);
        await rig.Hub.NextAsync(cancellationToken);
        var publish = await rig.Hub.NextAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(publish.Path, Is.EqualTo("/oic/rd"));
            Assert.That(rig.Logger.WithEventId(3617), Has.Count.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_NotConfigured_IdlesWithoutConnecting(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(new CloudConfiguration());

        await manager.StartAsync(cancellationToken);
        await manager.StopAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(rig.Hub.TryNext(out _), Is.False);
            Assert.That(rig.Hub.Connections, Is.Empty);
            Assert.That(manager.Status, Is.EqualTo(CloudStatus.Initialized));
        });
    }

    [Test]
    public void Constructor_CorruptStore_StartsFromDefaults()
    {
        var store = new InMemoryOcfStore();
        store.Save("cloud_0", new byte[] { 0xA1, 0x63 });

        var manager = new OcfCloudManager(OcfUuid.Parse(Pki.DefaultDeviceId.ToString()), store);

        Assert.Multiple(() =>
        {
            Assert.That(manager.SelectedServer.Uri, Is.EqualTo(CloudConfiguration.DefaultCiServer));
            Assert.That(manager.Cps, Is.EqualTo(CloudProvisioningStatus.Uninitialized));
            Assert.That(manager.IsRunning, Is.False);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_OcfCloudCipherSuitesOnly_RegistersOverTls12(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        rig.CreateManager(rig.ReadyToRegister(), options: new CloudManagerOptions { RestrictToOcfCloudCipherSuites = true, SendCsm = false }).Start();

        var signUp = await rig.Hub.NextAsync(cancellationToken);
        var signIn = await rig.Hub.NextAsync(cancellationToken);

        Assert.That((signUp.Path, signIn.Path), Is.EqualTo(("/oic/sec/account", "/oic/sec/session")));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_HubCertificateNotTrusted_ConnectErrorAndRetry(CancellationToken cancellationToken)
    {
        await using var rig = new CloudRig();
        var manager = rig.CreateManager(rig.ReadyToRegister());
        manager.TrustAnchors = [Pki.Shared.RootCa.Certificate];
        manager.Start();

        await rig.Clock.WaitForTimerAsync(S(3), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(manager.LastError, Is.EqualTo(CloudError.ConnectError));
            Assert.That(rig.Hub.TryNext(out _), Is.False);
            Assert.That(rig.Logger.WithEventId(3604), Has.Count.EqualTo(1));
        });
    }
}
