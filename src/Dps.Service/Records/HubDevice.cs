using Dps.Service.Payloads;

namespace Dps.Service.Records;

/// <summary>A device known to the hub gateway.</summary>
internal sealed record HubDevice
{
    /// <summary>The device id (<c>di</c>).</summary>
    public required string DeviceId { get; init; }

    /// <summary>The owner (<c>uid</c>).</summary>
    public required string Owner { get; init; }

    /// <summary>The device name from the last publish (<c>n</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Signed up and not signed off.</summary>
    public bool Registered { get; init; }

    /// <summary>Signed in on a live connection.</summary>
    public bool LoggedIn { get; init; }

    /// <summary>Has a live hub connection.</summary>
    public bool Online { get; init; }

    /// <summary>Last request seen from the device.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Published links (with gateway-assigned <c>ins</c>).</summary>
    public IReadOnlyList<ResourceLink> Links { get; init; } = [];
}
