using System.Threading.Channels;
using Dps.Coap;
using Dps.Ocf.Cloud;
using Dps.Testing;
using Pki = Dps.Testing.Pki.TestPki;

namespace Dps.Ocf.Tests.Cloud.Manager;

/// <summary>A device cloud manager wired to one or two test hubs over loopback TLS, on a test clock.</summary>
internal sealed class CloudRig : IAsyncDisposable
{
    public static readonly OcfUuid HubId = OcfUuid.Parse("adebc667-1f2b-41e3-bf5c-6d6eabc68cc6");
    public static readonly OcfUuid Hub2Id = OcfUuid.Parse("0c9a1b63-4f0e-4b0b-9d65-0a3c0c8e9f10");
    public const string DpsAccessToken = "dps-at-1dde2c5da578fe91dfb9a5c474ecde71";

    private readonly Channel<CloudStatusChangedEventArgs> _events = Channel.CreateUnbounded<CloudStatusChangedEventArgs>();

    public CloudRig(bool secondHub = false)
    {
        Clock = new TestClock(Pki.Shared.ValidFrom.AddDays(2));
        Hub = new HubGateway(Pki.Shared, Clock);
        Hub2 = secondHub ? new HubGateway(Pki.Shared, Clock) : null;
        DeviceId = OcfUuid.Parse(Pki.Shared.DeviceId.ToString());
    }

    public TestClock Clock { get; }

    public HubGateway Hub { get; }

    public HubGateway? Hub2 { get; }

    public OcfUuid DeviceId { get; }

    public InMemoryOcfStore Store { get; } = new();

    public RecordingLogger Logger { get; } = new();

    public FixedRandom Random { get; } = new(0.5);

    public List<CloudServerChangedEventArgs> ServerChanges { get; } = [];

    public OcfCloudManager Manager { get; private set; } = null!;

    /// <summary>Set by tests that expect Error logs; otherwise any Error log fails the test.</summary>
    public bool AllowErrorLogs { get; set; }

    /// <summary>A configuration as DPS leaves it: cis, sid, at, apn, servers; cps readytoregister.</summary>
    public CloudConfiguration ReadyToRegister()
    {
        var configuration = new CloudConfiguration();
        List<CloudServer> servers = [new(Hub.Uri, HubId)];
        if (Hub2 is not null)
        {
            servers.Add(new(Hub2.Uri, Hub2Id));
        }

        configuration.Apply(new CloudConfUpdate
        {
            CiServer = Hub.Uri,
            Sid = HubId,
            AccessToken = DpsAccessToken,
            AuthProvider = "plgd",
            Servers = servers,
        });
        return configuration;
    }

    public OcfCloudManager CreateManager(CloudConfiguration? configuration, ICoapHandler? handler = null, CloudManagerOptions? options = null)
    {
        Manager = new OcfCloudManager(
            DeviceId,
            Store,
            configuration,
            options,
            handler,
            new TestPublishSource(),
            Clock,
            Random,
            new TypedLogger<OcfCloudManager>(Logger))
        {
            Identity = Pki.Shared.HubIdentityDevice,
            TrustAnchors = [Pki.Shared.HubCa.Certificate],
        };
        Manager.StatusChanged += (_, e) => _events.Writer.TryWrite(e);
        Manager.ServerChanged += (_, e) => ServerChanges.Add(e);
        return Manager;
    }

    public async Task<CloudStatusChangedEventArgs> NextEventAsync(CancellationToken cancellationToken) =>
        await _events.Reader.ReadAsync(cancellationToken);

    /// <summary>Reads status events until one has all of <paramref name="bits"/>.</summary>
    public async Task<CloudStatusChangedEventArgs> WaitForStatusAsync(CloudStatus bits, CancellationToken cancellationToken)
    {
        while (true)
        {
            var e = await NextEventAsync(cancellationToken);
            if ((e.Status & bits) == bits)
            {
                return e;
            }
        }
    }

    public CloudConfiguration Stored() =>
        CloudConfiguration.Decode(Store.Load("cloud_0") ?? throw new AssertionException("cloud_0 was not saved"));

    public async ValueTask DisposeAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            foreach (var entry in Logger.Entries)
            {
                await TestContext.Out.WriteLineAsync($"{entry.Level} {entry.EventId.Id} {entry.Message} {entry.Exception?.GetType().Name} {entry.Exception?.Message}");
            }
        }

        if (Manager is not null)
        {
            await Manager.DisposeAsync();
        }

        await Hub.DisposeAsync();
        if (Hub2 is not null)
        {
            await Hub2.DisposeAsync();
        }

        if (!AllowErrorLogs)
        {
            Assert.That(Logger.Errors.Select(e => e.Message), Is.Empty, "Error logs");
        }
    }
}
