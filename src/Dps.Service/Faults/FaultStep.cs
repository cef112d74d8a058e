namespace Dps.Service.Faults;

/// <summary>A request handler that can be told to misbehave.</summary>
internal enum FaultStep
{
    /// <summary><c>GET /x.plgd.dev/time</c>.</summary>
    Time,

    /// <summary><c>GET /api/v1/provisioning/ownership</c>.</summary>
    Ownership,

    /// <summary><c>POST /api/v1/provisioning/cloud-configuration</c>.</summary>
    CloudConfiguration,

    /// <summary><c>POST /api/v1/provisioning/credentials</c>.</summary>
    Credentials,

    /// <summary><c>GET /api/v1/provisioning/acls</c>.</summary>
    Acls,

    /// <summary>Hub <c>POST /oic/sec/account</c>.</summary>
    HubSignUp,

    /// <summary>Hub <c>POST /oic/sec/session</c>.</summary>
    HubSignIn,

    /// <summary>Hub <c>POST /oic/sec/tokenrefresh</c>.</summary>
    HubRefresh,
}
