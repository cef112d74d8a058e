using Dps.Client.Steps;

namespace Dps.Client;

// Applying the step answers to the device (PROTOCOL.md §2.4–§2.8). Runs on the executor.
public sealed partial class DpsContext
{
    private async ValueTask<DpsError> ApplyAsync(DpsStatus step, ReadOnlyMemory<byte> payload, DateTimeOffset? serverTime)
    {
        try
        {
            return step switch
            {
                DpsStatus.GetTime => ApplyTime(serverTime),
                DpsStatus.GetOwner => ApplyOwner(payload),
                DpsStatus.GetCloud => await ApplyCloudAsync(payload).ConfigureAwait(false),
                DpsStatus.GetCredentials => ApplyCredentials(payload),
                _ => ApplyAcls(payload),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Boundary to the device stack and the cloud manager: any failure fails the step.
            Log.ApplyFailed(_logger, _device.Index, step.ToLogString(), ex.Message);
            return DpsStepMachine.GetStepError(step);
        }
    }

    // A 2.xx other than 2.05 carries no time; plgd then resets plgd time, we keep it.
    private DpsError ApplyTime(DateTimeOffset? serverTime)
    {
        if (serverTime is { } time)
        {
            _time.Apply(time);
        }
        return DpsError.Ok;
    }

    private DpsError ApplyOwner(ReadOnlyMemory<byte> payload)
    {
        if (!DpsPayloads.TryParseOwner(payload, out var owner))
        {
            Log.ApplyFailed(_logger, _device.Index, "ownership", "the answer must hold exactly a devowneruuid UUID");
            return DpsError.GetOwner;
        }
        var security = _device.Security;
        var text = owner.ToString();
        if (security.IsOwnedBy(owner) && string.Equals(_store.Owner, text, StringComparison.OrdinalIgnoreCase))
        {
            return DpsError.Ok;
        }
        security.OwnDevice(owner, includeWellKnownCore: false);
        _store.Owner = text;
        SaveStore();
        _device.CloseServerSessions();
        Log.Owned(_logger, _device.Index, text);
        return DpsError.Ok;
    }

    // The configuration quirk of plgd (no retry after an apply failure) is fixed: the step machine
    // retries like any other step.
    private async ValueTask<DpsError> ApplyCloudAsync(ReadOnlyMemory<byte> payload)
    {
        var error = DpsPayloads.TryParseCloudConfiguration(payload, out var update);
        if (error != DpsError.Ok)
        {
            Log.ApplyFailed(_logger, _device.Index, "cloud configuration", "at, apn, cis and sid are required strings; sid a UUID");
            return error;
        }
        await _cloud.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _cloud.ApplyConfigurationAsync(update!, CancellationToken.None).ConfigureAwait(false);
        return DpsError.Ok;
    }

    private DpsError ApplyCredentials(ReadOnlyMemory<byte> payload)
    {
        var security = _device.Security;
        var result = security.ApplyDpsCredentials(payload, _device.KeyPair.ExportSubjectPublicKeyInfo(), out var removed);
        if (!result.Succeeded)
        {
            Log.ApplyFailed(_logger, _device.Index, "credentials", result.Error ?? string.Empty);
            return DpsError.GetCredentials;
        }
        if (removed > 0)
        {
            _device.CloseServerSessions();
        }
        return ValidateCredentials() ? DpsError.Ok : DpsError.GetCredentials;
    }

    private DpsError ApplyAcls(ReadOnlyMemory<byte> payload)
    {
        var result = _device.Security.ApplyDpsAcls(payload);
        if (!result.Succeeded)
        {
            Log.ApplyFailed(_logger, _device.Index, "acls", result.Error ?? string.Empty);
            return DpsError.GetAcls;
        }
        return DpsError.Ok;
    }

    // §2.7 step 5–6 / §3.7: DPS certificates valid and not expiring at the DPS effective time, invalid
    // ones removed; then the identity goes to the cloud manager.
    private bool ValidateCredentials()
    {
        var security = _device.Security;
        var now = DpsTime.GetEffectiveTime(_timeProvider.GetUtcNow(), _time.GetTime());
        var valid = DpsCredentials.Validate(security.Cred, now, _options.ExpiringLimit, out var removed);
        if (removed > 0)
        {
            security.SaveCred();
        }
        if (!valid)
        {
            Log.CredentialsInvalid(_logger, _device.Index, removed);
            return false;
        }
        if (DpsCredentials.GetCloudIdentity(security.Cred, _device.KeyPair) is not { } identity)
        {
            Log.CredentialsInvalid(_logger, _device.Index, 0);
            return false;
        }
        _cloud.SetIdentity(identity.Identity, identity.TrustAnchors);
        return true;
    }
}
