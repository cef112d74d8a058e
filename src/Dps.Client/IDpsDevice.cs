using System.Security.Cryptography;
using Dps.Coap;
using Dps.Ocf;
using Dps.Ocf.Security;

namespace Dps.Client;

/// <summary>
/// What a DPS context needs from the device it provisions: its security resources, its storage,
/// its key pair, a way to close the TLS sessions in which it is the server, and its serialized
/// executor. The context runs all its work on that executor, so DPS changes to the device are
/// serialized with the device's request handling. The device stack implements it.
/// </summary>
public interface IDpsDevice
{
    /// <summary>The device index (store names end in <c>_N</c>).</summary>
    int Index { get; }

    /// <summary>The device's storage (the context keeps <c>dps_N</c> there).</summary>
    IOcfStore Store { get; }

    /// <summary>The security resources (pstat, doxm, cred, acl2); <c>doxm.deviceuuid</c> is the device id.</summary>
    OcfDeviceSecurity Security { get; }

    /// <summary>The device's persistent key pair, used for CSRs (owned by the device).</summary>
    ECDsa KeyPair { get; }

    /// <summary>Serves the requests the DPS server sends on the DPS connection (e.g. <c>GET /oic/res</c>); null answers 4.04.</summary>
    ICoapHandler? Handler { get; }

    /// <summary>True when the caller runs on the device's executor (inside a work item).</summary>
    bool IsOnExecutor { get; }

    /// <summary>
    /// Queues <paramref name="work"/> on the device's executor: items run one at a time, in order, and
    /// nothing else (no request of a client) runs until the returned task completes. Never blocks.
    /// </summary>
    /// <returns>False when the executor has stopped.</returns>
    bool Post(Func<ValueTask> work);

    /// <summary>Closes the TLS sessions in which the device is the server (after ownership or credential changes).</summary>
    void CloseServerSessions();
}
