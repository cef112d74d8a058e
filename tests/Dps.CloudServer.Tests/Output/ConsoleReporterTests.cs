using Dps.Client;
using Dps.Ocf;
using Dps.Ocf.Cloud;
using DpsCloudServer.Output;

namespace Dps.CloudServer.Tests.Output;

public class ConsoleReporterTests
{
    private StringWriter _output = null!;
    private ConsoleReporter _reporter = null!;

    [SetUp]
    public void SetUp()
    {
        _output = new StringWriter();
        _reporter = new ConsoleReporter(_output);
    }

    [TearDown]
    public void TearDown() => _output.Dispose();

    [Test]
    public void ReportDpsStatus_Zero_Uninitialized()
    {
        _reporter.ReportDpsStatus(DpsStatus.Uninitialized);

        Assert.That(_output.ToString(), Is.EqualTo("\nDPS Manager Status:\n\t\t-Uninitialized\n"));
    }

    [Test]
    public void ReportDpsStatus_GettingTime_InitializedAndGetTime()
    {
        _reporter.ReportDpsStatus(DpsStatus.Initialized | DpsStatus.GetTime);

        Assert.That(_output.ToString(), Is.EqualTo("\nDPS Manager Status:\n\t\t-Initialized\n\t\t-Get time\n"));
    }

    [Test]
    public void ReportDpsStatus_Provisioned_EveryHasFlagInCOrder()
    {
        _reporter.ReportDpsStatus(DpsStatus.Initialized | DpsStatus.ProvisionedMask | DpsStatus.CloudStarted);

        Assert.That(_output.ToString(), Is.EqualTo(
            "\nDPS Manager Status:\n" +
            "\t\t-Initialized\n\t\t-Has time\n\t\t-Has owner\n\t\t-Has cloud configuration\n" +
            "\t\t-Has credentials\n\t\t-Has set acls\n\t\t-Started cloud\n"));
    }

    [Test]
    public void ReportDpsStatus_Failures_BothErrorLines()
    {
        _reporter.ReportDpsStatus(DpsStatus.Initialized | DpsStatus.HasTime | DpsStatus.TransientFailure | DpsStatus.Failure);

        Assert.That(_output.ToString(), Is.EqualTo(
            "\nDPS Manager Status:\n\t\t-Initialized\n\t\t-Has time\n\t\t-Transient failure\n\t\t-Failure\n"));
    }

    [Test]
    public void ReportDpsStatus_Renewing_RenewLine()
    {
        _reporter.ReportDpsStatus(DpsStatus.ProvisionedMask | DpsStatus.CloudStarted | DpsStatus.Initialized | DpsStatus.RenewCredentials | DpsStatus.GetCredentials);

        Assert.That(_output.ToString(), Does.Contain("\t\t-Get credentials\n").And.Contain("\t\t-Renew credentials\n"));
    }

    [Test]
    public void ReportCloudStatus_Initialized_HeaderOnly()
    {
        _reporter.ReportCloudStatus(CloudStatus.Initialized, tokenExpirySeconds: null);

        Assert.That(_output.ToString(), Is.EqualTo("\nCloud Manager Status:\n"));
    }

    [Test]
    public void ReportCloudStatus_RegisteredLoggedIn_TwoLines()
    {
        _reporter.ReportCloudStatus(CloudStatus.Registered | CloudStatus.LoggedIn, tokenExpirySeconds: null);

        Assert.That(_output.ToString(), Is.EqualTo("\nCloud Manager Status:\n\t\t-Registered\n\t\t-Logged In\n"));
    }

    [Test]
    public void ReportCloudStatus_EveryFlag_COrderWithExpiry()
    {
        var all = CloudStatus.Registered | CloudStatus.LoggedIn | CloudStatus.TokenExpiry | CloudStatus.RefreshedToken
            | CloudStatus.LoggedOut | CloudStatus.Failure | CloudStatus.Deregistered;

        _reporter.ReportCloudStatus(all, tokenExpirySeconds: 3600);

        Assert.That(_output.ToString(), Is.EqualTo(
            "\nCloud Manager Status:\n\t\t-Registered\n\t\t-Token Expiry: 3600\n\t\t-Failure\n\t\t-Logged In\n" +
            "\t\t-Logged Out\n\t\t-DeRegistered\n\t\t-Refreshed Token\n"));
    }

    [Test]
    public void ToConsoleLines_TokenExpiryUnknown_EmptyValue() =>
        Assert.That(ConsoleReporter.ToConsoleLines(CloudStatus.TokenExpiry, null), Is.EqualTo(new[] { "-Token Expiry: " }));

    [Test]
    public void CloudStatus_Values_MatchIotivity()
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)CloudStatus.Initialized, Is.Zero);
            Assert.That((int)CloudStatus.Registered, Is.EqualTo(1));
            Assert.That((int)CloudStatus.LoggedIn, Is.EqualTo(2));
            Assert.That((int)CloudStatus.TokenExpiry, Is.EqualTo(4));
            Assert.That((int)CloudStatus.RefreshedToken, Is.EqualTo(8));
            Assert.That((int)CloudStatus.LoggedOut, Is.EqualTo(16));
            Assert.That((int)CloudStatus.Failure, Is.EqualTo(32));
            Assert.That((int)CloudStatus.Deregistered, Is.EqualTo(64));
        });
    }

    [Test]
    public void ReportStartedDevice_Uuid_Line()
    {
        _reporter.ReportStartedDevice(OcfUuid.Parse("1640915f-d3f0-44ce-54bb-5bff4d0ed8a7"));

        Assert.That(_output.ToString(), Is.EqualTo("Started device with ID: 1640915f-d3f0-44ce-54bb-5bff4d0ed8a7\n"));
    }

    [Test]
    public void ReportEndpoints_List_TabIndented()
    {
        _reporter.ReportEndpoints(["coaps+tcp://127.0.0.1:20030", "coaps+tcp://dps.example:1"]);

        Assert.That(_output.ToString(), Is.EqualTo("Endpoints:\n\tcoaps+tcp://127.0.0.1:20030\n\tcoaps+tcp://dps.example:1\n"));
    }

    [Test]
    public async Task ReportDpsStatus_ConcurrentBlocks_NeverInterleave()
    {
        var status = DpsStatus.Initialized | DpsStatus.ProvisionedMask;
        var expectedBlock = "\nDPS Manager Status:\n" + string.Concat(status.ToConsoleLines().Select(l => "\t\t" + l + "\n"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                _reporter.ReportDpsStatus(status);
            }
        })));

        Assert.That(_output.ToString(), Is.EqualTo(string.Concat(Enumerable.Repeat(expectedBlock, 400))));
    }
}
