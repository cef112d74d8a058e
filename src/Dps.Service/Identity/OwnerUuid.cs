using System.Text;

namespace Dps.Service.Identity;

/// <summary>Maps an enrollment group's owner string to the device owner UUID (PROTOCOL §2.5).</summary>
internal static class OwnerUuid
{
    /// <summary>
    /// Returns the owner itself when it is a non-nil UUID in 8-4-4-4-12 hex form (any version or
    /// variant bits), otherwise UUIDv5(URL namespace, UTF-8 owner bytes).
    /// </summary>
    public static Guid FromOwner(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (DeviceUuid.TryParse(owner, out var parsed) && parsed != Guid.Empty)
        {
            return parsed;
        }

        return UuidV5.Create(UuidV5.UrlNamespace, Encoding.UTF8.GetBytes(owner));
    }
}
