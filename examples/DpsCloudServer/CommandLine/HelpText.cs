using System.Text;

namespace DpsCloudServer.CommandLine;

/// <summary>The <c>--help</c> text, in the shape of the C app's: usage line, options, arguments.</summary>
internal static class HelpText
{
    private const int NameColumnWidth = 32;

    /// <summary>The line printed after a bad-argument message.</summary>
    public static string UsageHint => $"Try '{CommandLineParser.ProgramName} --help' for more information.";

    /// <summary>The full help text (ends with a newline).</summary>
    public static string Build()
    {
        var text = new StringBuilder();
        text.Append("./").Append(CommandLineParser.ProgramName).Append(" [options] [device-name] [endpoint]\n\n");
        text.Append("OPTIONS:\n");
        foreach (var option in CommandLineOptions.All)
        {
            if (option.Hidden)
            {
                continue;
            }
            text.Append(option.ShortName is { } s ? $"  -{s} | " : "       ");
            var name = option.TakesValue ? $"--{option.LongName} <{option.ValueName}>" : $"--{option.LongName}";
            text.Append(name.PadRight(NameColumnWidth)).Append(' ').Append(option.Description).Append('\n');
        }
        text.Append("\nARGUMENTS:\n");
        AppendArgument(text, "device-name", $"name of the device (optional, default: {CloudServerOptions.DefaultDeviceName})");
        AppendArgument(text, "endpoint",
            $"address of the endpoint (optional, default: {CloudServerOptions.DefaultEndpoint}; \"\" for none)");
        return text.ToString();
    }

    private static void AppendArgument(StringBuilder text, string name, string description)
    {
        text.Append("  ").Append(name.PadRight(NameColumnWidth + 5)).Append(' ').Append(description).Append('\n');
    }
}
