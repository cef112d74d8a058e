namespace Dps.Service.Identity;

/// <summary>
/// Parses and formats OCF UUIDs. Real devices do not follow RFC 4122 variant bits (PROTOCOL §12.7),
/// so any 8-4-4-4-12 hex string is accepted and the canonical form is lower case.
/// </summary>
internal static class DeviceUuid
{
    /// <summary>Parses exactly the 36-character 8-4-4-4-12 hex form (either case).</summary>
    public static bool TryParse(string? text, out Guid uuid)
    {
        if (text is null || text.Length != 36)
        {
            uuid = Guid.Empty;
            return false;
        }

        return Guid.TryParseExact(text, "D", out uuid);
    }

    /// <summary>Formats <paramref name="uuid"/> as lower-case 8-4-4-4-12.</summary>
    public static string Format(Guid uuid) => uuid.ToString("D");
}
