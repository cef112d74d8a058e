using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace DpsCloudServer.Gpio;

/// <summary>
/// The status LED and reset button on a board's GPIO chip (libgpiod through System.Device.Gpio):
/// the LED pin is an output (high = on), the button pin an input with pull-up where the chip
/// supports it, pressed when it reads low (a button to ground).
/// </summary>
internal sealed class GpioBoard : IStatusLed, IResetButton, IDisposable
{
    private readonly GpioController _controller;
    private readonly int? _ledPin;
    private readonly int? _buttonPin;
    private readonly TextWriter _error;
    private int _failureReported;

    private GpioBoard(GpioController controller, int? ledPin, int? buttonPin, TextWriter error)
    {
        _controller = controller;
        _ledPin = ledPin;
        _buttonPin = buttonPin;
        _error = error;
    }

    /// <summary>True when a status LED pin is open.</summary>
    public bool HasStatusLed => _ledPin is not null;

    /// <summary>True when a reset button pin is open.</summary>
    public bool HasResetButton => _buttonPin is not null;

    /// <inheritdoc/>
    public bool IsPressed
    {
        get
        {
            if (_buttonPin is not { } pin)
            {
                return false;
            }
            try
            {
                return _controller.Read(pin) == PinValue.Low;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                ReportFailure("reading the reset button", ex);
                return false;
            }
        }
    }

    /// <summary>
    /// Opens the pins named by <paramref name="options"/> on chip <see cref="CloudServerOptions.GpioChip"/>.
    /// Returns null when no pin was asked for, or — after one warning on <paramref name="error"/> —
    /// when the chip or a pin cannot be used (no libgpiod, no such chip, no permission): the device
    /// then runs without them.
    /// </summary>
    public static GpioBoard? TryOpen(CloudServerOptions options, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        if (options.StatusLedPin is null && options.ResetButtonPin is null)
        {
            return null;
        }
        GpioController? controller = null;
#pragma warning disable CA1031 // Any failure of the native GPIO layer means "no GPIO": warn once and run without it.
        try
        {
            controller = new GpioController(CreateDriver(options.GpioChip));
            if (options.StatusLedPin is { } led)
            {
                controller.OpenPin(led, PinMode.Output, PinValue.Low);
            }
            if (options.ResetButtonPin is { } button)
            {
                controller.OpenPin(button, controller.IsPinModeSupported(button, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
            }
            return new GpioBoard(controller, options.StatusLedPin, options.ResetButtonPin, error);
        }
        catch (Exception ex)
        {
            controller?.Dispose();
            Warn(error, $"GPIO chip {options.GpioChip} is not usable ({Describe(ex)}); running without status LED and reset button.");
            return null;
        }
#pragma warning restore CA1031
    }

    // libgpiod 2.x (libgpiod.so.3, Debian 13 and later) first, then libgpiod 1.x (libgpiod.so.2).
#pragma warning disable CA1031 // Whatever the v2 driver throws (library missing, wrong ABI), v1 is tried.
    private static GpioDriver CreateDriver(int chip)
    {
        try
        {
            return new LibGpiodV2Driver(chip);
        }
        catch (Exception v2)
        {
            try
            {
                return new LibGpiodDriver(chip);
            }
            catch (Exception v1)
            {
                throw new IOException($"libgpiod 2: {Describe(v2)}; libgpiod 1: {Describe(v1)}", v1);
            }
        }
    }
#pragma warning restore CA1031

    /// <inheritdoc/>
    public void Set(bool on)
    {
        if (_ledPin is not { } pin)
        {
            return;
        }
        try
        {
            _controller.Write(pin, on ? PinValue.High : PinValue.Low);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            ReportFailure("writing the status LED", ex);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _controller.Dispose();

    private void ReportFailure(string what, Exception ex)
    {
        if (Interlocked.Exchange(ref _failureReported, 1) == 0)
        {
            Warn(_error, $"GPIO failed {what} ({Describe(ex)}); further GPIO errors are not reported.");
        }
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && ex is TypeInitializationException ? inner.Message : ex.Message;

    private static void Warn(TextWriter error, string message)
    {
        error.WriteLine($"{CommandLine.CommandLineParser.ProgramName}: warning: {message}");
        error.Flush();
    }
}
