using DpsCloudServer.Gpio;

namespace Dps.CloudServer.Tests.Gpio;

/// <summary>A reset button the test presses and releases.</summary>
internal sealed class FakeResetButton : IResetButton
{
    public bool IsPressed { get; set; }
}
