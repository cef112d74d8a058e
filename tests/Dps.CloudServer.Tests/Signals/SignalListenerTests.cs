using System.Runtime.InteropServices;
using DpsCloudServer.Signals;

namespace Dps.CloudServer.Tests.Signals;

public class SignalListenerTests
{
    private FakePosixSignalSource _source = null!;
    private SignalListener _listener = null!;

    [SetUp]
    public void SetUp()
    {
        _source = new FakePosixSignalSource();
        _listener = new SignalListener(_source);
    }

    [TearDown]
    public void TearDown() => _listener.Dispose();

    [Test]
    public void Sighup_RaisesResetAndCancelsDefault()
    {
        var resets = 0;
        _listener.ResetRequested += (_, _) => resets++;

        var cancelled = _source.Raise(PosixSignal.SIGHUP);

        Assert.Multiple(() =>
        {
            Assert.That(cancelled, Is.True, "SIGHUP must not terminate the process");
            Assert.That(resets, Is.EqualTo(1));
            Assert.That(_listener.ResetReceived, Is.True);
            Assert.That(_listener.FirstReset.IsCompletedSuccessfully, Is.True);
            Assert.That(_listener.StopToken.IsCancellationRequested, Is.False);
        });
    }

    [Test]
    public void RequestReset_LikeSighup_RaisesResetAndOpensTheWaitGate()
    {
        var resets = 0;
        _listener.ResetRequested += (_, _) => resets++;

        _listener.RequestReset("reset button");
        _listener.RequestReset("reset button");

        Assert.Multiple(() =>
        {
            Assert.That(resets, Is.EqualTo(2));
            Assert.That(_listener.ResetReceived, Is.True);
            Assert.That(_listener.StopToken.IsCancellationRequested, Is.False);
        });
    }

    [Test]
    public void RequestReset_AfterDispose_Ignored()
    {
        var resets = 0;
        _listener.ResetRequested += (_, _) => resets++;
        _listener.Dispose();

        _listener.RequestReset("reset button");

        Assert.That(resets, Is.Zero);
    }

    [Test]
    public void Sighup_Repeated_RaisedEveryTime()
    {
        var resets = 0;
        _listener.ResetRequested += (_, _) => resets++;

        _source.Raise(PosixSignal.SIGHUP);
        _source.Raise(PosixSignal.SIGHUP);
        var cancelled = _source.Raise(PosixSignal.SIGHUP);

        Assert.Multiple(() =>
        {
            Assert.That(resets, Is.EqualTo(3));
            Assert.That(cancelled, Is.True);
        });
    }

    [Test]
    public void WaitForResetAsync_BeforeSighup_Pending()
    {
        var wait = _listener.WaitForResetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(wait.IsCompleted, Is.False);
            Assert.That(_listener.ResetReceived, Is.False);
        });
        _source.Raise(PosixSignal.SIGHUP);
        Assert.That(wait.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public void WaitForResetAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var wait = _listener.WaitForResetAsync(cts.Token);

        cts.Cancel();

        Assert.That(async () => await wait, Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase(PosixSignal.SIGINT)]
    [TestCase(PosixSignal.SIGTERM)]
    public void StopSignal_RaisesStopCancelsTokenAndDefault(PosixSignal signal)
    {
        var stops = 0;
        _listener.StopRequested += (_, _) => stops++;

        var cancelled = _source.Raise(signal);

        Assert.Multiple(() =>
        {
            Assert.That(cancelled, Is.True, "the first stop signal is handled gracefully");
            Assert.That(stops, Is.EqualTo(1));
            Assert.That(_listener.StopToken.IsCancellationRequested, Is.True);
            Assert.That(_listener.Stopped.IsCompletedSuccessfully, Is.True);
            Assert.That(_listener.ResetReceived, Is.False);
        });
    }

    [Test]
    public void StopSignal_Second_LeftToDefaultAction()
    {
        var stops = 0;
        _listener.StopRequested += (_, _) => stops++;

        _source.Raise(PosixSignal.SIGTERM);
        var secondCancelled = _source.Raise(PosixSignal.SIGINT);

        Assert.Multiple(() =>
        {
            Assert.That(secondCancelled, Is.False, "a second stop signal terminates the process");
            Assert.That(stops, Is.EqualTo(1));
        });
    }

    [Test]
    public void ThrowingHandler_DoesNotEscapeSignalHandler()
    {
        _listener.ResetRequested += (_, _) => throw new InvalidOperationException("handler bug");

        Assert.That(() => _source.Raise(PosixSignal.SIGHUP), Throws.Nothing);
        Assert.That(_listener.ResetReceived, Is.True);
    }

    [Test]
    public void Dispose_UnregistersAllHandlers()
    {
        Assert.That(_source.ActiveRegistrations, Is.EqualTo(3));

        _listener.Dispose();

        Assert.That(_source.ActiveRegistrations, Is.Zero);
    }

    [Test]
    public async Task SelfTest_SighupThenSigterm_PrintsStepsAndExitsZero()
    {
        using var output = new StringWriter();
        var run = SignalSelfTest.RunAsync(_listener, output);
        var afterStart = output.ToString();

        _source.Raise(PosixSignal.SIGHUP);
        _source.Raise(PosixSignal.SIGTERM);
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(afterStart, Is.EqualTo("ready" + Environment.NewLine));
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.ToString(), Is.EqualTo(string.Join(Environment.NewLine, "ready", "reset requested", "stop requested", "")));
        });
    }
}
