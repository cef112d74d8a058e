namespace Dps.Client;

// DHCP vendor-encapsulated options applied to a running context (PROTOCOL.md §5).
public sealed partial class DpsContext
{
    /// <summary>
    /// Applies the endpoint and server certificate fingerprint of a DHCP vendor-encapsulated options
    /// payload (<c>plgd_dps_dhcp_set_values_from_vendor_encapsulated_options</c>) with the option
    /// codes and fingerprint algorithms of the client options. A new endpoint replaces the whole
    /// endpoint list (saved). On <see cref="DpsDhcpSetValuesResult.NeedReprovision"/> the caller calls
    /// <see cref="ForceReprovision"/> and <see cref="RestartAsync"/>.
    /// </summary>
    /// <param name="options">The raw option 43 payload.</param>
    /// <param name="cancellationToken">Stops waiting for the executor.</param>
    public async Task<DpsDhcpSetValuesResult> SetValuesFromVendorEncapsulatedOptionsAsync(
        ReadOnlyMemory<byte> options, CancellationToken cancellationToken = default)
    {
        var result = DpsDhcpSetValuesResult.Error;
        await InvokeAsync(() =>
        {
            var state = new DpsClientState
            {
                Status = _state.Status,
                LastError = _state.LastError,
                CertificateFingerprint = _fingerprint,
            };
            foreach (var endpoint in _store.Endpoints)
            {
                state.Endpoints.Add(endpoint.Uri, endpoint.Name);
            }
            if (_store.Endpoints.Selected is { } selected)
            {
                state.Endpoints.Select(selected.Uri);
            }

            result = DpsDhcp.SetValuesFromVendorEncapsulatedOptions(
                state,
                options.Span,
                _options.DhcpEndpointOptionCode,
                _options.DhcpCertificateFingerprintOptionCode,
                [.. _options.AllowedFingerprintAlgorithms]);
            if (result == DpsDhcpSetValuesResult.Error)
            {
                return ValueTask.CompletedTask;
            }

            SetFingerprintOnExecutor(state.CertificateFingerprint);
            var uri = state.Endpoints.Selected?.Uri ?? string.Empty;
            if (!_store.Endpoints.IsSelected(uri) && _store.Endpoints.SetEndpoint(uri))
            {
                SaveStore();
                UpdateSnapshots();
            }
            return ValueTask.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
