using System.Security.Cryptography;
using System.Threading.Channels;
using Dps.Testing;
using Dps.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Client.Tests.Context;

/// <summary>The settings a running context accepts (plgd_dps_set_* at run time).</summary>
[Category("Integration")]
public sealed class DpsContextSettingsTests
{
    private const DpsStatus Provisioned = DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted;

    private static TestPki Pki => TestPki.Shared;

    private FakeTimeProvider _time = null!;
    private TestDpsServer _server = null!;
    private FakeCloudManager _cloud = null!;
    private Channel<object> _signals = null!;
    private List<TimeSpan> _delays = null!;
    private DpsContext? _context;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _server = new TestDpsServer(Pki.DpsServer, Pki.HubCa, _time);
        _cloud = new FakeCloudManager();
        _signals = Channel.CreateUnbounded<object>();
        _delays = [];
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
        await _server.DisposeAsync();
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SetCertificateFingerprint_UntrustedServer_Provisions(CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(Pki.DpsServer.Certificate.RawData);
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate));

        context.SetCertificateFingerprint(HashAlgorithmName.SHA256, digest);
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(context.CertificateFingerprint?.Digest.ToArray(), Is.EqualTo(digest));
            Assert.That(_server.TotalCount, Is.EqualTo(5));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task OnFactoryReset_PinnedFingerprint_ClearsItAndSettingItAgainProvisions(CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(Pki.DpsServer.Certificate.RawData);
        var context = CreateContext(
            FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate),
            o => o.CertificateFingerprint = DpsCertificateFingerprint.Create(HashAlgorithmName.SHA256, digest));

        await context.OnFactoryResetAsync(cancellationToken);
        var afterReset = context.CertificateFingerprint;
        context.SetCertificateFingerprint(HashAlgorithmName.SHA256, digest);
        await context.AddEndpointAsync(_server.Uri, "test", cancellationToken);
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(afterReset, Is.Null);
            Assert.That(context.CertificateFingerprint, Is.Not.Null);
            Assert.That(_server.TotalCount, Is.EqualTo(5));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task SkipVerify_SetBeforeStart_UntrustedServerProvisions(CancellationToken cancellationToken)
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate));

        context.SkipVerify = true;
        context.Start();
        await DriveAsync(e => e.Status == Provisioned, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(context.SkipVerify, Is.True);
            Assert.That(_server.TotalCount, Is.EqualTo(5));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RetryConfiguration_SetToOneSecond_FailureDelaysFollowIt(CancellationToken cancellationToken)
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.RootCa.Certificate));

        context.RetryConfiguration = new DpsRetryConfiguration(1);
        context.Start();
        await DriveAsync(_ => false, cancellationToken, stopAtTimer: 4);

        var waits = _delays.Where(d => d > TimeSpan.Zero).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(context.RetryConfiguration.Seconds, Is.EqualTo(new[] { 1 }));
            Assert.That(waits, Is.Not.Empty);
            Assert.That(waits, Is.All.InRange(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(999)));
        });
    }

    [Test]
    public void Setters_InvalidValues_ThrowAndKeepTheOldValue()
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        Assert.Multiple(() =>
        {
            Assert.That(() => context.ExpiringLimit = TimeSpan.FromSeconds(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => context.ExpiringLimit = TimeSpan.FromMilliseconds(1500), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => context.RetryConfiguration = null!, Throws.ArgumentNullException);
            Assert.That(
                () => context.SetCertificateFingerprint(HashAlgorithmName.SHA256, new byte[3]),
                Throws.ArgumentException);
            Assert.That(
                () => context.SetCertificateFingerprint(HashAlgorithmName.SHA384, new byte[48]),
                Throws.ArgumentException, "SHA-384 is not in AllowedFingerprintAlgorithms by default");
            Assert.That(
                () => context.CloudObserver = new DpsCloudObserverConfiguration { MaxCount = 1000 },
                Throws.InvalidOperationException);
            Assert.That(context.ExpiringLimit, Is.EqualTo(DpsCertificateTiming.DefaultExpiringLimit));
            Assert.That(context.RetryConfiguration, Is.EqualTo(DpsRetryConfiguration.Default));
            Assert.That(context.CloudObserver.MaxCount, Is.EqualTo(DpsCloudObserverConfiguration.DefaultMaxCount));
            Assert.That(context.CertificateFingerprint, Is.Null);
        });
    }

    [Test]
    public void CloudObserver_Getter_ReturnsACopy()
    {
        var context = CreateContext(FakeDpsDevice.Create(Pki, Pki.HubCa.Certificate));

        context.CloudObserver = new DpsCloudObserverConfiguration { MaxCount = 5, Interval = TimeSpan.FromSeconds(2) };
        context.CloudObserver.MaxCount = 9;

        Assert.Multiple(() =>
        {
            Assert.That(context.CloudObserver.MaxCount, Is.EqualTo(5));
            Assert.That(context.CloudObserver.Interval, Is.EqualTo(TimeSpan.FromSeconds(2)));
        });
    }

    private DpsContext CreateContext(FakeDpsDevice device, Action<DpsClientOptions>? configure = null)
    {
        var options = new DpsClientOptions { Endpoints = [new DpsEndpoint(_server.Uri, "test")] };
        configure?.Invoke(options);
        var context = new DpsContext(
            device, _cloud, new FakeTimeSink(), options,
            new DpsContextOptions { TimeProvider = _time, Random = new Random(7), Logger = new RecordingLogger() });
        context.StatusChanged += (_, e) => _signals.Writer.TryWrite(e);
        context.TimerArmed += delay => _signals.Writer.TryWrite(delay);
        _context = context;
        return context;
    }

    // Reads status changes until done() holds; armed timers expire at once (fake clock), except the
    // stopAtTimer-th one, which ends the drive.
    private async Task DriveAsync(Func<DpsStatusChangedEventArgs, bool> done, CancellationToken cancellationToken, int stopAtTimer = 0)
    {
        var timers = 0;
        while (true)
        {
            var signal = await _signals.Reader.ReadAsync(cancellationToken);
            if (signal is TimeSpan delay)
            {
                if (++timers == stopAtTimer)
                {
                    return;
                }
                _delays.Add(delay);
                _time.Advance(delay);
            }
            else if (done((DpsStatusChangedEventArgs)signal))
            {
                return;
            }
        }
    }
}
