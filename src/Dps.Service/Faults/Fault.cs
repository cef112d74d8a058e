using Dps.Coap;

namespace Dps.Service.Faults;

/// <summary>One injected fault, taken from a <see cref="FaultPlan"/> for one request.</summary>
/// <param name="Step">The handler it applies to.</param>
/// <param name="Kind">What to do.</param>
/// <param name="Code">The response code for <see cref="FaultKind.Respond"/>.</param>
/// <param name="Delay">The wait for <see cref="FaultKind.Delay"/>.</param>
/// <param name="RedirectUri">The URI for <see cref="FaultKind.RedirectUri"/>.</param>
/// <param name="CertificateLifetime">The identity certificate lifetime for <see cref="FaultKind.ShortLivedCertificate"/>.</param>
internal sealed record Fault(FaultStep Step, FaultKind Kind, CoapCode Code, TimeSpan Delay, string? RedirectUri, TimeSpan CertificateLifetime);
