using Dps.Coap;

namespace Dps.Client;

// The /plgd/dps configuration resource (PROTOCOL.md §4.3) over the context's state; the rules are
// DpsConfigurationResource's. Runs on the executor (inline when the device serves the request).
public sealed partial class DpsContext
{
    /// <summary>The <c>/plgd/dps</c> representation for <paramref name="resourceInterface"/> (PROTOCOL.md §4.3).</summary>
    public async Task<byte[]> EncodeConfigurationAsync(DpsResourceInterface resourceInterface, CancellationToken cancellationToken = default)
    {
        byte[] encoded = [];
        await InvokeAsync(() =>
        {
            encoded = DpsConfigurationResource.Encode(CreateClientState(), resourceInterface);
            return ValueTask.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return encoded;
    }

    /// <summary>
    /// Applies a <c>POST /plgd/dps</c> body (PROTOCOL.md §4.3): <c>endpoint: ""</c> resets the DPS state as
    /// a factory reset does (the caller then resets the device); a new endpoint list and/or
    /// <c>forceReprovision: true</c> save the store and restart provisioning from the first step (the
    /// DPS connection is closed when the selected endpoint changed). Anything else changes nothing (4.00).
    /// </summary>
    public async Task<DpsConfigurationPostResult> PostConfigurationAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        DpsConfigurationPostResult result = default;
        await InvokeAsync(async () => result = await PostConfigurationCoreAsync(body).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async ValueTask<DpsConfigurationPostResult> PostConfigurationCoreAsync(ReadOnlyMemory<byte> body)
    {
        var state = CreateClientState();
        var result = DpsConfigurationResource.ApplyPost(state, body);
        if (result.Code != CoapCode.Changed)
        {
            return result;
        }
        if (result.Deregister)
        {
            await FactoryResetCore().ConfigureAwait(false);
            return result;
        }
        _store.Endpoints.Clear();
        foreach (var endpoint in state.Endpoints)
        {
            _store.Endpoints.Add(endpoint.Uri, endpoint.Name);
        }
        if (state.Endpoints.Selected is { } selected)
        {
            _store.Endpoints.Select(selected.Uri);
        }
        if (result.SelectedEndpointChanged)
        {
            CloseConnection();
        }
        SaveStore();
        if (result.Reprovision)
        {
            // As plgd: force re-provisioning and restart the manager.
            SetState(_state with { ForceReprovision = true });
            StopCore();
            await StartCoreAsync().ConfigureAwait(false);
        }
        return result;
    }

    private DpsClientState CreateClientState()
    {
        var state = new DpsClientState { Status = _state.Status, LastError = _state.LastError, CertificateFingerprint = _fingerprint };
        foreach (var endpoint in _store.Endpoints)
        {
            state.Endpoints.Add(endpoint.Uri, endpoint.Name);
        }
        if (_store.Endpoints.Selected is { } selected)
        {
            state.Endpoints.Select(selected.Uri);
        }
        return state;
    }
}
