namespace Dps.Service.Certificates;

/// <summary>The CA's answer.</summary>
/// <param name="DeviceId">The device id from the signed leaf CN (<c>uuid:&lt;id&gt;</c>), lower case.</param>
/// <param name="ChainPem">The chain, one PEM block per entry: new leaf first, then the signer chain up to the root (the last entry).</param>
internal sealed record IssuedIdentityCertificate(string DeviceId, IReadOnlyList<string> ChainPem);
