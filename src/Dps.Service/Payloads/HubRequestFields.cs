namespace Dps.Service.Payloads;

/// <summary>Required-property checks shared by the hub request readers.</summary>
internal static class HubRequestFields
{
    /// <summary>Returns <paramref name="value"/>, or throws when it is null or empty.</summary>
    public static string Require(string? value, string what, string key) =>
        string.IsNullOrEmpty(value) ? throw new PayloadFormatException($"{what}: {key} is missing") : value;
}
