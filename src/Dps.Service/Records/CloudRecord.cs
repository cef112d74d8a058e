using Dps.Service.Payloads;

namespace Dps.Service.Records;

/// <summary>The <c>cloud</c> section.</summary>
/// <param name="Status">Step outcome.</param>
/// <param name="ProviderName">The <c>apn</c> handed out.</param>
/// <param name="Gateways">The gateways handed out.</param>
/// <param name="SelectedGateway">Index of the selected gateway in <paramref name="Gateways"/>, −1 if none matched.</param>
internal sealed record CloudRecord(ProvisioningStatus Status, string? ProviderName, IReadOnlyList<GatewayReference> Gateways, int SelectedGateway);
