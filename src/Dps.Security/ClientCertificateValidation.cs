using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dps.Security;

/// <summary>
/// A server's decision on a client certificate chain (see <see cref="TlsServerSettings.ClientCertificateValidator"/>).
/// </summary>
/// <param name="stream">The stream being authenticated (to associate the chain with the connection).</param>
/// <param name="presentedCertificates">What the client sent, leaf first; empty when it sent nothing.</param>
/// <returns>True to accept the client.</returns>
public delegate bool ClientCertificateValidation(SslStream stream, IReadOnlyList<X509Certificate2> presentedCertificates);
