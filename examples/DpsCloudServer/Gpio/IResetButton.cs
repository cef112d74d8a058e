namespace DpsCloudServer.Gpio;

/// <summary>A factory-reset push button: one input pin, read by polling.</summary>
internal interface IResetButton
{
    /// <summary>True while the button is held down.</summary>
    bool IsPressed { get; }
}
