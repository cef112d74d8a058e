using Dps.Service.Configuration;
using Dps.Service.Identity;
using Dps.Service.Payloads;

namespace Dps.Service.Provisioning;

/// <summary>
/// Which linked hub and gateway a request gets (PROTOCOL §8.3 "Hub selection"): the hub whose
/// <c>hubID</c> equals <c>selectedGateway.id</c> and that lists <c>selectedGateway.uri</c>; otherwise
/// the first hub and its first gateway. <c>sid</c> is the hub's record id.
/// </summary>
/// <param name="Hub">The chosen hub.</param>
/// <param name="GatewayUri">The chosen gateway URI (<c>cis</c>).</param>
/// <param name="Servers">All gateways of all linked hubs with their record ids, deduplicated.</param>
/// <param name="SelectedIndex">Index of (<paramref name="GatewayUri"/>, hub id) in <paramref name="Servers"/>.</param>
/// <param name="MatchedRequest">Whether the device's <c>selectedGateway</c> matched a linked hub.</param>
internal sealed record HubSelection(HubSettings Hub, string GatewayUri, IReadOnlyList<GatewayReference> Servers, int SelectedIndex, bool MatchedRequest)
{
    /// <summary>Selects for <paramref name="group"/> given the device's selection (may be null).</summary>
    public static HubSelection Select(EnrollmentGroup group, GatewayReference? requested)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Hubs.Count == 0)
        {
            throw new InvalidOperationException($"Enrollment group {group.Id} has no hubs.");
        }

        var servers = new List<GatewayReference>();
        foreach (var hub in group.Hubs)
        {
            foreach (var gateway in hub.Gateways)
            {
                var server = new GatewayReference(gateway, DeviceUuid.Format(hub.Id));
                if (!servers.Contains(server))
                {
                    servers.Add(server);
                }
            }
        }

        var chosen = group.Hubs[0];
        var uri = chosen.Gateways[0];
        var matched = false;
        if (requested is not null && DeviceUuid.TryParse(requested.Id, out var requestedId))
        {
            foreach (var hub in group.Hubs)
            {
                if (hub.HubId == requestedId && hub.Gateways.Contains(requested.Uri, StringComparer.Ordinal))
                {
                    chosen = hub;
                    uri = requested.Uri;
                    matched = true;
                    break;
                }
            }
        }

        var index = servers.IndexOf(new GatewayReference(uri, DeviceUuid.Format(chosen.Id)));
        return new HubSelection(chosen, uri, servers, index, matched);
    }

    /// <summary>The cloud-configuration answer for this selection with access token <paramref name="accessToken"/>.</summary>
    public CloudConfigurationResponse ToResponse(string accessToken) =>
        new(Hub.ProviderName, GatewayUri, accessToken, DeviceUuid.Format(Hub.Id), Servers);
}
