namespace Dps.Service.Faults;

/// <summary>What an injected fault does.</summary>
internal enum FaultKind
{
    /// <summary>Answer with <see cref="Fault.Code"/> (e.g. 5.03, 5.00, 4.03) instead of handling the request.</summary>
    Respond,

    /// <summary>Wait <see cref="Fault.Delay"/> before handling the request normally.</summary>
    Delay,

    /// <summary>Close the connection without answering.</summary>
    Drop,

    /// <summary>Answer with the success code and a body that is not valid CBOR.</summary>
    MalformedCbor,

    /// <summary>Add <see cref="Fault.RedirectUri"/> as <c>redirecturi</c> to the answer.</summary>
    RedirectUri,

    /// <summary>Issue the identity certificate with <see cref="Fault.CertificateLifetime"/> (credentials only).</summary>
    ShortLivedCertificate,
}
