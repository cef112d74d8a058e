namespace Dps.Ocf;

/// <summary>Names of stores and the checks every <see cref="IOcfStore"/> applies to them.</summary>
public static class OcfStoreName
{
    /// <summary>The store name of <paramref name="prefix"/> for a device: <c>cred</c>, 0 → <c>cred_0</c>.</summary>
    public static string For(string prefix, int deviceIndex)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(deviceIndex);
        return string.Concat(prefix, "_", deviceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Stores whose name starts with <c>cred</c> hold keys whatever the caller says.</summary>
    public static bool IsAlwaysSecret(string name) => name.StartsWith("cred", StringComparison.Ordinal);

    /// <summary>Throws if <paramref name="name"/> is not a plain file name.</summary>
    /// <exception cref="ArgumentException">Empty, too long, or with characters other than letters,
    /// digits, <c>_</c>, <c>-</c> and <c>.</c>, or starting with <c>.</c>.</exception>
    public static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 128 || name[0] == '.')
        {
            throw new ArgumentException("Invalid store name.", nameof(name));
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw new ArgumentException("Invalid store name.", nameof(name));
            }
        }
    }
}
