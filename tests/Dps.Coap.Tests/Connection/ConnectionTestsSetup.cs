namespace Dps.Coap.Tests.Connection;

/// <summary>Fails the connection tests if any task exception went unobserved.</summary>
[SetUpFixture]
public sealed class ConnectionTestsSetup
{
    private readonly List<Exception> _unobserved = [];

    [OneTimeSetUp]
    public void Subscribe() => TaskScheduler.UnobservedTaskException += OnUnobserved;

    [OneTimeTearDown]
    public void CheckNoneUnobserved()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        lock (_unobserved)
        {
            Assert.That(_unobserved, Is.Empty, string.Join(Environment.NewLine, _unobserved));
        }
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        lock (_unobserved)
        {
            _unobserved.Add(e.Exception);
        }
    }
}
