using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Security;
using Dps.Testing;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Client.Tests.Context;

[Category("Integration")]
public sealed class DpsContextTests
{
    private const DpsStatus Provisioned = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;

    private static TestPki Pki => TestPki.Shared;

    private FakeTimeProvider _time = null!;
    private TestDpsServer _server = null!;
    private FakeCloudManager _cloud = null!;
    private FakeTimeSink _sink = null!;
    private Channel<object> _signals = null!;
    private List<TimeSpan> _delays = null!;
    private readonly List<DpsContext> _contexts = [];
    private TimeSpan? _heldTimer;
    private RecordingLogger _log = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _server = new TestDpsServer(Pki.DpsServer, Pki.HubCa, _time);
        _cloud = new FakeCloudManager();
        _sink = new FakeTimeSink();
        _signals = Channel.CreateUnbounded<object>();
        _delays = [];
        _heldTimer = null;
        _log = new RecordingLogger();
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
        _contexts.Clear();
        await _server.DisposeAsync();
        var errors = _log.Errors;
        _log.Dispose();
        Assert.That(errors, Is.Empty, "no Error log");
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_FreshDevice_ProvisionsWithThePlgdStatusSequence(CancellationToken cancellationToken)
    {
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var context = CreateContext(device);

        context.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        var I = DpsStatus.Initialized;
        var t = DpsStatus.HasTime;
        var o = t | DpsStatus.HasOwner;
        var c = o | DpsStatus.HasCloud;
        var r = c | DpsStatus.HasCredentials;
        var a = r | DpsStatus.HasAcls;
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Status), Is.EqualTo(new[]
            {
                I, I | DpsStatus.GetTime, I | t, I | t | DpsStatus.GetOwner, I | o, I | o | DpsStatus.GetCloud, I | c,
                I | c | DpsStatus.GetCredentials, I | r, I | r | DpsStatus.GetAcls, I | a, I | a | DpsStatus.CloudStarted,
            }));
            Assert.That(events.Select(e => e.Status.ToProvisionStatus()).Last(), Is.EqualTo("provisioned"));
            Assert.That(context.LastError, Is.EqualTo(DpsError.Ok));
            Assert.That(context.IsStarted, Is.True);
            Assert.That(context.HasBeenProvisionedSinceReset, Is.True);
            Assert.That(_server.TotalCount, Is.EqualTo(5));
            Assert.That(_cloud.StartCount, Is.EqualTo(1));
            Assert.That(_cloud.Identity, Is.Not.Null);
            Assert.That(_cloud.TrustAnchors, Has.Count.EqualTo(1));
            Assert.That(_cloud.LastUpdate!.CiServer, Is.EqualTo(TestDpsServer.HubUri));
            Assert.That(_cloud.LastUpdate.AccessToken, Is.EqualTo("access-token"));
            Assert.That(_sink.ApplyCount, Is.EqualTo(1));
            Assert.That(device.Security.IsOwnedBy(OcfUuid.Parse(TestDpsServer.Owner)), Is.True);
            Assert.That(device.CloseServerSessionsCount, Is.EqualTo(2), "self-ownership, then the DPS owner");
            Assert.That(device.Security.Acl.HasTag("dps"), Is.True);
            Assert.That(device.Store.Names, Does.Contain("dps_0"));
            Assert.That(DpsStoreData.Decode(device.Store.Load("dps_0")).Owner, Is.EqualTo(TestDpsServer.Owner));
            Assert.That(DpsStoreData.Decode(device.Store.Load("dps_0")).HasBeenProvisionedSinceReset, Is.True);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_FreshDevice_SendsRequestsShapedLikeTheCDevice(CancellationToken cancellationToken)
    {
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var context = CreateContext(device);

        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        var requests = _server.Requests;
        var paths = requests.Select(r => r.UriPath).ToArray();
        var cloud = requests.Single(r => r.UriPath == TestDpsServer.CloudPath);
        var credentials = requests.Single(r => r.UriPath == TestDpsServer.CredentialsPath);
        var cloudBody = ReadMap(cloud.Payload);
        var gateway = (Dictionary<string, object?>)cloudBody["selectedGateway"]!;
        var csr = (Dictionary<string, object?>)ReadMap(credentials.Payload)["csr"]!;
        Assert.Multiple(() =>
        {
            Assert.That(paths, Is.EqualTo(new[]
            {
                TestDpsServer.TimePath, TestDpsServer.OwnershipPath, TestDpsServer.CloudPath, TestDpsServer.CredentialsPath, TestDpsServer.AclsPath,
            }));
            foreach (var request in requests)
            {
                Assert.That(request.Accept, Is.EqualTo(10000));
                Assert.That(request.Options.TryGet(2049, out var version) ? version.Value.ToArray() : null, Is.EqualTo(new byte[] { 8, 0 }));
            }
            Assert.That(requests.Where(r => r.Code == CoapCode.Post).Select(r => r.UriPath), Is.EqualTo(new[] { TestDpsServer.CloudPath, TestDpsServer.CredentialsPath }));
            foreach (var post in requests.Where(r => r.Code == CoapCode.Post))
            {
                Assert.That(post.ContentFormat, Is.EqualTo(10000));
                Assert.That(post.Options.TryGet(2053, out var version) ? version.Value.ToArray() : null, Is.EqualTo(new byte[] { 8, 0 }));
                Assert.That(post.Payload.Span[0], Is.EqualTo(0xBF), "indefinite-length map");
            }
            Assert.That(cloudBody.Keys, Is.EqualTo(new[] { "di", "selectedGateway" }));
            Assert.That(cloudBody["di"], Is.EqualTo(device.DeviceId.ToString()));
            Assert.That(gateway["uri"], Is.EqualTo("coaps+tcp://127.0.0.1"));
            Assert.That(gateway["id"], Is.EqualTo("00000000-0000-0000-0000-000000000000"));
            Assert.That(csr["encoding"], Is.EqualTo("oic.sec.encoding.pem"));
            Assert.That((string)csr["data"]!, Does.StartWith("-----BEGIN CERTIFICATE REQUEST-----"));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_AfterProvisioning_RestartSendsNoDpsRequest(CancellationToken cancellationToken)
    {
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var first = CreateContext(device);
        first.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);
        await first.DisposeAsync();
        var accepted = _server.AcceptedConnections;
        _cloud.IsRunning = false;

        var second = CreateContext(device.Reload());
        await second.StartAsync(cancellationToken);
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(_server.TotalCount, Is.EqualTo(5));
            Assert.That(_server.AcceptedConnections, Is.EqualTo(accepted));
            Assert.That(_cloud.StartCount, Is.EqualTo(2));
            Assert.That(second.HasBeenProvisionedSinceReset, Is.True);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_AfterIdentityExpired_RestartRunsOnlyCredentialsAndAcls(CancellationToken cancellationToken)
    {
        _server.IdentityValidity = TimeSpan.FromHours(3);
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var first = CreateContext(device);
        first.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);
        await first.DisposeAsync();
        _cloud.IsRunning = false;
        _time.Advance(TimeSpan.FromHours(3));

        var second = CreateContext(device.Reload());
        second.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(events[0].Status, Is.EqualTo(DpsStatus.Initialized | DpsStatus.HasTime | DpsStatus.HasOwner | DpsStatus.HasCloud));
            Assert.That(Counts(), Is.EqualTo(new[] { 1, 1, 1, 2, 2 }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_OneInternalServerErrorPerStep_RequestCountsMatchPlgd(CancellationToken cancellationToken)
    {
        _server.Script = (_, count, request) => count == 1 ? TestDpsServer.Answer(request, CoapCode.InternalServerError) : null;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(Counts(), Is.EqualTo(new[] { 6, 5, 4, 3, 2 }));
            Assert.That(events.Count(e => (e.Status & DpsStatus.Failure) != 0 && (e.PreviousStatus & DpsStatus.Failure) == 0 && e.LastError == DpsError.Response), Is.EqualTo(5));
            Assert.That(_delays, Has.Count.EqualTo(5));
            Assert.That(_delays, Has.All.InRange(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_ThreeServiceUnavailablePerStep_RequestCountsMatchPlgd(CancellationToken cancellationToken)
    {
        _server.Script = (_, count, request) => count <= 3 ? TestDpsServer.Answer(request, CoapCode.ServiceUnavailable) : null;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(Counts(), Is.EqualTo(new[] { 8, 7, 6, 5, 4 }));
            Assert.That(events.Any(e => (e.Status & DpsStatus.TransientFailure) != 0 && e.LastError == DpsError.Ok), Is.True);
            Assert.That(events.Any(e => (e.Status & DpsStatus.Failure) != 0), Is.False);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_UntrustedDpsCertificate_FailsAndKeepsRetrying(CancellationToken cancellationToken)
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate));

        context.Start();
        await DriveAsync(_ => false, cancellationToken, stopAtTimer: 3);

        Assert.Multiple(() =>
        {
            Assert.That(context.Status & DpsStatus.Failure, Is.EqualTo(DpsStatus.Failure));
            Assert.That(context.LastError, Is.EqualTo(DpsError.Response));
            Assert.That(context.IsStarted, Is.True);
            Assert.That(_server.TotalCount, Is.Zero);
            Assert.That(_cloud.StartCount, Is.Zero);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_UntrustedDpsCertificateWithSkipVerify_Provisions(CancellationToken cancellationToken)
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate), o => o.SkipVerify = true);

        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.That(Counts(), Is.EqualTo(new[] { 1, 1, 1, 1, 1 }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_UntrustedDpsCertificateWithMatchingFingerprint_Provisions(CancellationToken cancellationToken)
    {
        var fingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, SHA256.HashData(Pki.DpsServer.Certificate.RawData));
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate), o => o.CertificateFingerprint = fingerprint);

        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.That(Counts(), Is.EqualTo(new[] { 1, 1, 1, 1, 1 }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_UntrustedDpsCertificateWithOtherFingerprint_Fails(CancellationToken cancellationToken)
    {
        var fingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, SHA256.HashData(Pki.RootCa.Certificate.RawData));
        var context = CreateContext(
            FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate),
            o =>
            {
                o.CertificateFingerprint = fingerprint;
                o.SkipVerify = true;
            });

        context.Start();
        await DriveAsync(_ => false, cancellationToken, stopAtTimer: 2);

        Assert.Multiple(() =>
        {
            Assert.That(context.Status & DpsStatus.Failure, Is.EqualTo(DpsStatus.Failure));
            Assert.That(_server.TotalCount, Is.Zero);
        });
    }

    [TestCase("extra-key")]
    [TestCase("malformed")]
    [TestCase("not-a-uuid")]
    [TestCase("redirect")]
    [CancelAfter(20_000)]
    public async Task Start_BadOwnershipAnswer_FailsWithGetOwnerThenRetries(string fault, CancellationToken cancellationToken)
    {
        _server.Script = (path, count, request) => path == TestDpsServer.OwnershipPath && count == 1
            ? TestDpsServer.Answer(request, CoapCode.Content, fault switch
            {
                "extra-key" => TestDpsServer.Map(("devowneruuid", TestDpsServer.Owner), ("extra", 1)),
                "not-a-uuid" => TestDpsServer.Map(("devowneruuid", "owner-1")),
                "redirect" => TestDpsServer.Map(("devowneruuid", TestDpsServer.Owner), ("redirecturi", _server.Uri)),
                _ => [0xBF, 0x6C, 0x64, 0x65],
            })
            : null;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(
                events.Any(e => (e.Status & DpsStatus.Failure) != 0 && e.LastError == DpsError.GetOwner),
                Is.True);
            Assert.That(Counts(), Is.EqualTo(new[] { 2, 2, 1, 1, 1 }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_UnparsableTime_FailsWithResponseErrorThenRetries(CancellationToken cancellationToken)
    {
        _server.Script = (path, count, request) => path == TestDpsServer.TimePath && count == 1
            ? TestDpsServer.Answer(request, CoapCode.Content, TestDpsServer.Map(("time", "yesterday")))
            : null;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(events.Any(e => (e.Status & DpsStatus.Failure) != 0 && e.LastError == DpsError.Response), Is.True);
            Assert.That(Counts(), Is.EqualTo(new[] { 2, 1, 1, 1, 1 }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_CloudConfigurationWithoutAccessToken_RetriesInsteadOfStalling(CancellationToken cancellationToken)
    {
        _server.Script = (path, count, request) => path == TestDpsServer.CloudPath && count == 1
            ? TestDpsServer.Answer(request, CoapCode.Changed, TestDpsServer.Map(("apn", "plgd"), ("cis", TestDpsServer.HubUri), ("sid", TestDpsServer.HubId)))
            : null;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(events.Any(e => (e.Status & DpsStatus.Failure) != 0 && e.LastError == DpsError.Response), Is.True);
            Assert.That(Counts(), Is.EqualTo(new[] { 2, 2, 2, 1, 1 }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task StatusChanged_HandlerThrows_ProvisioningCompletes(CancellationToken cancellationToken)
    {
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var context = CreateContext(device, subscribeFirst: (_, _) => throw new InvalidOperationException("handler (test)"));

        context.Start();
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(12));
            Assert.That(_log.WithEventId(4001), Has.Count.EqualTo(12));
            Assert.That(device.FailedItems, Is.Zero, "the handler's exception never reaches the device's executor");
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ForceReprovision_ThenRestart_RunsEveryStepAgain(CancellationToken cancellationToken)
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        context.ForceReprovision();
        Assert.That(context.HasForcedReprovision, Is.True);
        await context.RestartAsync(cancellationToken);
        await DriveAsync(e => e.Status == Provisioned && _server.TotalCount == 10, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(Counts(), Is.EqualTo(new[] { 2, 2, 2, 2, 2 }));
            Assert.That(context.HasForcedReprovision, Is.False);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task OnFactoryReset_Provisioned_ClearsStatusAndStore(CancellationToken cancellationToken)
    {
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var context = CreateContext(device);
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        await context.OnFactoryResetAsync(cancellationToken);

        var store = DpsStoreData.Decode(device.Store.Load("dps_0"));
        Assert.Multiple(() =>
        {
            Assert.That(context.Status, Is.EqualTo(DpsStatus.Uninitialized));
            Assert.That(context.IsStarted, Is.False);
            Assert.That(context.HasBeenProvisionedSinceReset, Is.False);
            Assert.That(context.Endpoints, Is.Empty);
            Assert.That(store.Endpoints.IsEmpty, Is.True);
            Assert.That(store.Owner, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_NoEndpoint_StaysIdle(CancellationToken cancellationToken)
    {
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var context = new DpsContext(device, _cloud, _sink, new DpsClientOptions(), new DpsContextOptions { TimeProvider = _time });
        _contexts.Add(context);

        await context.StartAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(context.IsStarted, Is.False);
            Assert.That(context.Status, Is.EqualTo(DpsStatus.Uninitialized));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_CloudStartThrows_FailsWithStartCloudAndRetries(CancellationToken cancellationToken)
    {
        _cloud.ThrowOnStart = true;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.Start();
        var events = await DriveAsync(_ => false, cancellationToken, stopAtTimer: 1);
        _cloud.ThrowOnStart = false;
        events.AddRange(await DriveAsync(e => e.Status == Provisioned, cancellationToken));

        Assert.Multiple(() =>
        {
            Assert.That(events.Any(e => e.LastError == DpsError.StartCloud && (e.Status & DpsStatus.Failure) != 0), Is.True);
            Assert.That(Counts(), Is.EqualTo(new[] { 2, 2, 2, 2, 2 }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_RequestTimesOut_RetriesAtOnceWithoutDelay(CancellationToken cancellationToken)
    {
        _server.Silence = (path, count) => path == TestDpsServer.TimePath && count == 1;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.Start();
        await _server.Silenced.Reader.ReadAsync(cancellationToken);
        _time.Advance(TimeSpan.FromSeconds(10));
        var events = await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(events.Any(e => (e.Status & DpsStatus.TransientFailure) != 0 && e.LastError == DpsError.Ok), Is.True);
            Assert.That(_delays, Is.Empty);
            Assert.That(Counts(), Is.EqualTo(new[] { 2, 1, 1, 1, 1 }));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_RedirectInCloudAnswer_ContinuesOnTheNewEndpoint(CancellationToken cancellationToken)
    {
        await using var redirected = new TestDpsServer(Pki.DpsServer, Pki.HubCa, _time);
        _server.Script = (path, _, request) => path == TestDpsServer.CloudPath
            ? TestDpsServer.Answer(request, CoapCode.Changed, TestDpsServer.Map(
                ("apn", "plgd"), ("cis", TestDpsServer.HubUri), ("sid", TestDpsServer.HubId), ("at", "token"), ("redirecturi", redirected.Uri)))
            : null;
        var device = FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate);
        var context = CreateContext(device);

        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        var store = DpsStoreData.Decode(device.Store.Load("dps_0"));
        Assert.Multiple(() =>
        {
            Assert.That(Counts(), Is.EqualTo(new[] { 1, 1, 1, 0, 0 }));
            Assert.That(redirected.Count(TestDpsServer.CredentialsPath), Is.EqualTo(1));
            Assert.That(redirected.Count(TestDpsServer.AclsPath), Is.EqualTo(1));
            Assert.That(context.SelectedEndpoint, Is.EqualTo(new DpsEndpoint(redirected.Uri, "test")));
            Assert.That(context.Endpoints, Has.Count.EqualTo(1));
            Assert.That(store.Endpoints.Selected!.Uri, Is.EqualTo(redirected.Uri));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_EndpointFailsWholeSchedule_SwitchesToTheNextEndpoint(CancellationToken cancellationToken)
    {
        await using var backup = new TestDpsServer(Pki.DpsServer, Pki.HubCa, _time);
        _server.Script = (path, _, request) => path == TestDpsServer.TimePath ? TestDpsServer.Answer(request, CoapCode.InternalServerError) : null;
        var context = CreateContext(
            FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate),
            o => o.Endpoints.Add(new DpsEndpoint(backup.Uri, "backup")));

        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(_server.Count(TestDpsServer.TimePath), Is.EqualTo(5));
            Assert.That(_delays, Has.Count.EqualTo(5));
            Assert.That(_delays[4], Is.InRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)));
            Assert.That(backup.TotalCount, Is.EqualTo(5));
            Assert.That(context.SelectedEndpoint!.Uri, Is.EqualTo(backup.Uri));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Start_WithStartupDelay_WaitsBeforeTheFirstRequest(CancellationToken cancellationToken)
    {
        var context = CreateContext(
            FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate),
            configureContext: o => o.MaxStartupDelay = TimeSpan.FromSeconds(30));

        await context.StartAsync(cancellationToken);
        var before = _server.TotalCount;
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Zero);
            Assert.That(_delays, Has.Count.EqualTo(1));
            Assert.That(_delays[0], Is.LessThan(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Renewal_ShortLivedIdentity_RenewsAtTwoThirdsOfTheLifetime(CancellationToken cancellationToken)
    {
        _server.IdentityValidity = TimeSpan.FromHours(3);
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));
        var renewals = Channel.CreateUnbounded<TimeSpan>();
        context.RenewalArmed += delay => renewals.Writer.TryWrite(delay);
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);
        var first = await renewals.Reader.ReadAsync(cancellationToken);
        var identity = _cloud.Identity;

        _time.Advance(first);
        var events = await DriveAsync(e => e.Status == Provisioned && (e.PreviousStatus & DpsStatus.RenewCredentials) != 0, cancellationToken);
        var next = await renewals.Reader.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(TimeSpan.FromMinutes(80)).Within(TimeSpan.FromSeconds(2)));
            Assert.That(events.Select(e => e.Status), Does.Contain(Provisioned | DpsStatus.RenewCredentials));
            Assert.That(Counts(), Is.EqualTo(new[] { 1, 1, 1, 2, 1 }));
            Assert.That(_cloud.Identity, Is.Not.SameAs(identity));
            Assert.That(_cloud.StartCount, Is.EqualTo(1));
            Assert.That(next, Is.EqualTo(TimeSpan.FromMinutes(80)).Within(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Renewal_ErrorAnswer_TriesAgainLater(CancellationToken cancellationToken)
    {
        _server.IdentityValidity = TimeSpan.FromHours(6);
        _server.Script = (path, count, request) => path == TestDpsServer.CredentialsPath && count == 2
            ? TestDpsServer.Answer(request, CoapCode.InternalServerError)
            : null;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));
        var renewals = Channel.CreateUnbounded<TimeSpan>();
        context.RenewalArmed += delay => renewals.Writer.TryWrite(delay);
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        _time.Advance(await renewals.Reader.ReadAsync(cancellationToken));
        var again = await renewals.Reader.ReadAsync(cancellationToken);
        _time.Advance(again);
        await DriveAsync(
            e => e.Status == Provisioned && (e.PreviousStatus & DpsStatus.RenewCredentials) != 0 && _server.Count(TestDpsServer.CredentialsPath) == 3,
            cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(Counts(), Is.EqualTo(new[] { 1, 1, 1, 3, 1 }));
            Assert.That(context.Status, Is.EqualTo(Provisioned));
            Assert.That(_cloud.StartCount, Is.EqualTo(1));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Observer_CloudNeverLogsIn_ForcesFullReprovisioning(CancellationToken cancellationToken)
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate), o => o.CloudObserver.MaxCount = 2);
        context.ObserverArmed += delay => _signals.Writer.TryWrite(delay);

        context.Start();
        await DriveAsync(e => e.Status == Provisioned && _server.TotalCount == 10, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(Counts(), Is.EqualTo(new[] { 2, 2, 2, 2, 2 }));
            Assert.That(_cloud.StopCount, Is.GreaterThanOrEqualTo(3));
            Assert.That(_cloud.StartCount, Is.EqualTo(2));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Observer_CloudLogsIn_Finishes(CancellationToken cancellationToken)
    {
        _cloud.LogInOnStart = true;
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));
        var armed = Channel.CreateUnbounded<TimeSpan>();
        context.ObserverArmed += delay => armed.Writer.TryWrite(delay);
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        _time.Advance(await armed.Reader.ReadAsync(cancellationToken));
        await context.FlushAsync();

        Assert.Multiple(() =>
        {
            Assert.That(armed.Reader.TryRead(out _), Is.False, "the observer stopped");
            Assert.That(context.Status, Is.EqualTo(Provisioned));
            Assert.That(_cloud.StopCount, Is.EqualTo(1), "only the stop before the cloud configuration");
        });
    }

    private DpsContext CreateContext(
        FakeDpsDevice device,
        Action<DpsClientOptions>? configure = null,
        EventHandler<DpsStatusChangedEventArgs>? subscribeFirst = null,
        Action<DpsContextOptions>? configureContext = null)
    {
        var options = new DpsClientOptions { Endpoints = [new DpsEndpoint(_server.Uri, "test")] };
        configure?.Invoke(options);
        var contextOptions = new DpsContextOptions { TimeProvider = _time, Random = new Random(42), Logger = _log };
        configureContext?.Invoke(contextOptions);
        var context = new DpsContext(device, _cloud, _sink, options, contextOptions);
        if (subscribeFirst is not null)
        {
            context.StatusChanged += subscribeFirst;
        }
        context.StatusChanged += (_, e) => _signals.Writer.TryWrite(e);
        context.TimerArmed += delay => _signals.Writer.TryWrite(delay);
        _contexts.Add(context);
        return context;
    }

    // Reads status changes until done() holds after one of them; every armed timer is expired at once by
    // advancing the fake clock by its delay, except the stopAtTimer-th one, which is held (left pending)
    // and returned to; the next call expires it first.
    private async Task<List<DpsStatusChangedEventArgs>> DriveAsync(Func<DpsStatusChangedEventArgs, bool> done, CancellationToken cancellationToken, int stopAtTimer = 0)
    {
        var events = new List<DpsStatusChangedEventArgs>();
        if (_heldTimer is { } held)
        {
            _heldTimer = null;
            _delays.Add(held);
            _time.Advance(held);
        }
        var timers = 0;
        while (true)
        {
            var signal = await _signals.Reader.ReadAsync(cancellationToken);
            if (signal is TimeSpan delay)
            {
                if (++timers == stopAtTimer)
                {
                    _heldTimer = delay;
                    return events;
                }
                _delays.Add(delay);
                _time.Advance(delay);
            }
            else
            {
                var change = (DpsStatusChangedEventArgs)signal;
                events.Add(change);
                if (done(change))
                {
                    return events;
                }
            }
        }
    }

    private int[] Counts() =>
    [
        _server.Count(TestDpsServer.TimePath),
        _server.Count(TestDpsServer.OwnershipPath),
        _server.Count(TestDpsServer.CloudPath),
        _server.Count(TestDpsServer.CredentialsPath),
        _server.Count(TestDpsServer.AclsPath),
    ];

    private static Dictionary<string, object?> ReadMap(ReadOnlyMemory<byte> cbor)
    {
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        return ReadMap(reader);
    }

    private static Dictionary<string, object?> ReadMap(CborReader reader)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            var key = reader.ReadTextString();
            map[key] = reader.PeekState() switch
            {
                CborReaderState.TextString => reader.ReadTextString(),
                CborReaderState.StartMap => ReadMap(reader),
                _ => Skip(reader),
            };
        }
        reader.ReadEndMap();
        return map;
    }

    private static object? Skip(CborReader reader)
    {
        reader.SkipValue();
        return null;
    }
}
