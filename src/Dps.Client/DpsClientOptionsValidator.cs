using Microsoft.Extensions.Options;

namespace Dps.Client;

/// <summary>Runs <see cref="DpsClientOptions.Validate"/> for the options pattern (<c>ValidateOnStart</c>).</summary>
public sealed class DpsClientOptionsValidator : IValidateOptions<DpsClientOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DpsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
