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

    /// <summary>Never answer; the connection stays open (the device's request timeout ends the wait).</summary>
    NoResponse,

    /// <summary>Answer with the success body plus keys the device does not know.</summary>
    ExtraKeys,

    /// <summary>Answer with the success body without its first key.</summary>
    MissingKeys,

    /// <summary>Issue the identity certificate for a key other than the CSR's (credentials only).</summary>
    ForeignKeyCertificate,

    /// <summary>Issue an identity certificate that expired an hour ago (credentials only).</summary>
    ExpiredCertificate,
}
