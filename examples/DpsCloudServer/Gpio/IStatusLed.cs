namespace DpsCloudServer.Gpio;

/// <summary>A status LED: one output pin (a GPIO line on a board, a recorder in tests).</summary>
internal interface IStatusLed
{
    /// <summary>Turns the LED on or off.</summary>
    void Set(bool on);
}
