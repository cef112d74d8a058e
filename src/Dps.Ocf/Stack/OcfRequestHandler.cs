namespace Dps.Ocf;

/// <summary>Serves one method of a resource; runs on the device's executor (keep it short, no long I/O).</summary>
/// <param name="request">The request.</param>
/// <param name="cancellationToken">Cancelled when the connection ends or the stack stops.</param>
public delegate ValueTask<OcfResponse> OcfRequestHandler(OcfRequest request, CancellationToken cancellationToken);
