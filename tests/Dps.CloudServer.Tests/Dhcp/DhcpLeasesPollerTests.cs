using DpsCloudServer.Dhcp;
using Microsoft.Extensions.Time.Testing;

namespace Dps.CloudServer.Tests.Dhcp;

public class DhcpLeasesPollerTests
{
    private const string LeaseA = """
        lease {
          interface "eth0";
          fixed-address 192.168.1.10;
          option vendor-encapsulated-options c8:2:a:b;
          renew 4 2026/11/19 10:00:00;
        }
        """;

    private const string LeaseB = """
        lease {
          option vendor-encapsulated-options "c8:2:a:b";
        }
        lease {
          interface "eth0";
          option vendor-encapsulated-options c8:3:1:2:3;
        }
        """;

    private string _directory = null!;
    private string _leasesFile = null!;
    private FakeTimeProvider _time = null!;
    private DhcpLeasesPoller _poller = null!;
    private List<byte[]> _events = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"dps-dhcp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _leasesFile = Path.Combine(_directory, "dhclient.leases");
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        _poller = new DhcpLeasesPoller(_leasesFile, _time);
        _events = [];
        _poller.OptionsChanged += (_, e) => _events.Add(e.Options.ToArray());
    }

    [TearDown]
    public void TearDown()
    {
        _poller.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Start_FileWithOption_RaisesImmediately()
    {
        File.WriteAllText(_leasesFile, LeaseA);

        _poller.Start();

        Assert.That(_events, Is.EqualTo(new[] { new byte[] { 0xC8, 0x02, 0x0A, 0x0B } }));
    }

    [Test]
    public void Timer_UnchangedFile_NoSecondEvent()
    {
        File.WriteAllText(_leasesFile, LeaseA);
        _poller.Start();

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.That(_events, Has.Count.EqualTo(1));
    }

    [Test]
    public void Timer_ChangedFile_RaisedAtNextFiveSecondTick()
    {
        File.WriteAllText(_leasesFile, LeaseA);
        _poller.Start();
        File.WriteAllText(_leasesFile, LeaseB);

        _time.Advance(TimeSpan.FromSeconds(4.9));
        var beforeTick = _events.Count;
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Multiple(() =>
        {
            Assert.That(beforeTick, Is.EqualTo(1));
            Assert.That(_events, Has.Count.EqualTo(2));
            Assert.That(_events[^1], Is.EqualTo(new byte[] { 0xC8, 0x03, 0x01, 0x02, 0x03 }), "the last occurrence wins");
        });
    }

    [Test]
    public void Timer_FileAppearsLater_RaisedWhenFound()
    {
        _poller.Start();
        _time.Advance(TimeSpan.FromSeconds(5));
        var whileMissing = _events.Count;

        File.WriteAllText(_leasesFile, LeaseA);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(whileMissing, Is.Zero);
            Assert.That(_events, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Poll_FileWithoutOption_NoEvent()
    {
        File.WriteAllText(_leasesFile, "lease {\n  interface \"eth0\";\n}\n");

        Assert.Multiple(() =>
        {
            Assert.That(_poller.Poll(), Is.False);
            Assert.That(_events, Is.Empty);
        });
    }

    [Test]
    public void Poll_BadHexValue_Skipped()
    {
        File.WriteAllText(_leasesFile, "option vendor-encapsulated-options zz:1;\n");

        Assert.Multiple(() =>
        {
            Assert.That(_poller.Poll(), Is.False);
            Assert.That(_events, Is.Empty);
        });
    }

    [Test]
    public void Poll_ValueChangesBackAndForth_EachChangeRaised()
    {
        File.WriteAllText(_leasesFile, LeaseA);
        _poller.Start();
        File.WriteAllText(_leasesFile, LeaseB);
        _time.Advance(TimeSpan.FromSeconds(5));
        File.WriteAllText(_leasesFile, LeaseA);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(_events, Has.Count.EqualTo(3));
    }

    [Test]
    public void Poll_ThrowingHandler_PollingContinues()
    {
        _poller.OptionsChanged += (_, _) => throw new InvalidOperationException("subscriber bug");
        File.WriteAllText(_leasesFile, LeaseA);
        _poller.Start();
        File.WriteAllText(_leasesFile, LeaseB);

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(_events, Has.Count.EqualTo(2));
    }

    [Test]
    public void Dispose_StopsPolling()
    {
        _poller.Start();
        _poller.Dispose();
        File.WriteAllText(_leasesFile, LeaseA);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(_events, Is.Empty);
    }

    [Test]
    public void Start_Twice_Throws()
    {
        _poller.Start();

        Assert.Throws<InvalidOperationException>(_poller.Start);
    }

    [Test]
    public void Reapply_UnchangedFile_RaisesTheSameOptionsAgain()
    {
        File.WriteAllText(_leasesFile, LeaseA);
        _poller.Start();

        _poller.Reapply();

        Assert.That(_events, Is.EqualTo(new[] { new byte[] { 0xC8, 0x02, 0x0A, 0x0B }, new byte[] { 0xC8, 0x02, 0x0A, 0x0B } }));
    }

    [Test]
    public void Reapply_BeforeStart_DoesNothing()
    {
        File.WriteAllText(_leasesFile, LeaseA);

        _poller.Reapply();

        Assert.That(_events, Is.Empty);
    }
}
