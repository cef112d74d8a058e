namespace Dps.Service.Records;

/// <summary>The outcome of one provisioning step (plgd record <c>status</c>).</summary>
/// <param name="Date">When the step was answered.</param>
/// <param name="CoapCode">The numeric CoAP code (class × 32 + detail, e.g. 69 = 2.05).</param>
/// <param name="ErrorMessage">The error text for failed steps, otherwise null.</param>
internal sealed record ProvisioningStatus(DateTimeOffset Date, int CoapCode, string? ErrorMessage);
