namespace Dps.Service.Configuration;

/// <summary>A PEM certificate chain file and its private key file (<c>certFile</c>, <c>keyFile</c>).</summary>
/// <param name="CertificateFile">Absolute path of the certificate (chain) PEM.</param>
/// <param name="KeyFile">Absolute path of the private key PEM.</param>
internal sealed record TlsFiles(string CertificateFile, string KeyFile);
