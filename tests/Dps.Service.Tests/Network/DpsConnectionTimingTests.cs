using Dps.Coap;
using Dps.Coap.Framing;
using Dps.Security;
using Dps.Service.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Dps.Service.Tests.Network;

/// <summary>The DPS connection's clocks on a fake time: the bounded <c>/oic/res</c> probe and the 20 s inactivity close.</summary>
[Category("Integration")]
[NonParallelizable]
public class DpsConnectionTimingTests
{
    private FakeTimeProvider _time = null!;
    private RunningService _service = null!;
    private TlsIdentity _identity = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _service = await RunningService.StartAsync(options: new DpsServiceHostOptions { TimeProvider = _time });
        _identity = _service.LoadManufacturerIdentity();
    }

    [TearDown]
    public async Task StopAsync()
    {
        _identity.Dispose();
        Assert.That(_service.Log.Errors, Is.Empty);
        await _service.DisposeAsync();
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Probe_DeviceNeverAnswers_RequestServedAfterTwoSeconds(CancellationToken cancellationToken)
    {
        await using var peer = await _service.ConnectRawDpsAsync(_identity, cancellationToken);
        await peer.ReadAsync(cancellationToken);
        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.TimeRequest), cancellationToken);
        var probe = await peer.ReadAsync(cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(2));
        var response = await peer.ReadAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(probe!.UriPath, Is.EqualTo("/oic/res"));
            Assert.That(response!.Code, Is.EqualTo(CoapCode.Content));
        });
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Inactivity_TwentySecondsWithoutRequest_ClosesWithRelease(CancellationToken cancellationToken)
    {
        await using var peer = await _service.ConnectRawDpsAsync(_identity, cancellationToken);
        await peer.ReadAsync(cancellationToken);
        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.TimeRequest), cancellationToken);
        var probe = await peer.ReadAsync(cancellationToken);
        await peer.SendAsync(CoapTcpFramer.Decode(DeviceVectors.Bytes(DeviceVectors.ResourceProbeResponse)).WithToken(probe!.Token), cancellationToken);
        await peer.ReadAsync(cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(19));
        await peer.SendRawAsync(DeviceVectors.Bytes(DeviceVectors.OwnershipRequest), cancellationToken);
        var stillServed = await peer.ReadAsync(cancellationToken);
        _time.Advance(TimeSpan.FromSeconds(20));
        var rest = await peer.ReadToEndAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(stillServed!.Code, Is.EqualTo(CoapCode.Content));
            Assert.That(rest.Select(m => m.Code), Is.EqualTo(new[] { CoapCode.Release }));
        });
    }
}
