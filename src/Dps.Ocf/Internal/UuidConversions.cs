namespace Dps.Ocf.Internal;

/// <summary>Conversions between <see cref="Guid"/> (the stack's ids) and <see cref="OcfUuid"/> (the security resources').</summary>
internal static class UuidConversions
{
    public static OcfUuid ToOcfUuid(this Guid id) => OcfUuid.Parse(id.ToString("D"));

    public static Guid ToGuid(this OcfUuid uuid) => Guid.Parse(uuid.ToString());
}
