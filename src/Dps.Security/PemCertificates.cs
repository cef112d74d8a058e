using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dps.Security.Internal;

namespace Dps.Security;

/// <summary>Loads and writes X.509 certificates and certificate chains in PEM and DER form.</summary>
public static class PemCertificates
{
    /// <summary>The PEM label of a certificate.</summary>
    public const string CertificateLabel = "CERTIFICATE";

    /// <summary>
    /// Loads every <c>CERTIFICATE</c> block of <paramref name="pem"/>, in order (for a chain: leaf
    /// first, then intermediates). Other blocks (e.g. a private key in the same file) are skipped.
    /// </summary>
    /// <exception cref="PemFormatException">No certificate is present or one is not valid DER.</exception>
    public static IReadOnlyList<X509Certificate2> LoadChain(string pem)
    {
        List<PemBlock> blocks = PemReader.ReadBlocks(pem, "certificate PEM");
        var certificates = new List<X509Certificate2>();
        foreach (PemBlock block in blocks)
        {
            if (block.Label != CertificateLabel)
            {
                continue;
            }

            certificates.Add(FromDer(block.Der, $"certificate #{certificates.Count + 1}"));
        }

        if (certificates.Count == 0)
        {
            throw new PemFormatException("certificate PEM: no '-----BEGIN CERTIFICATE-----' block found.");
        }

        return certificates;
    }

    /// <summary>Loads a chain (see <see cref="LoadChain"/>) from a PEM file.</summary>
    /// <exception cref="PemFormatException">The file holds no valid certificate.</exception>
    public static IReadOnlyList<X509Certificate2> LoadChainFile(string path)
    {
        return LoadChain(File.ReadAllText(path, Encoding.UTF8));
    }

    /// <summary>Loads exactly one certificate; more than one <c>CERTIFICATE</c> block is an error.</summary>
    /// <exception cref="PemFormatException">Zero or several certificates, or invalid DER.</exception>
    public static X509Certificate2 LoadCertificate(string pem)
    {
        IReadOnlyList<X509Certificate2> chain = LoadChain(pem);
        if (chain.Count != 1)
        {
            foreach (X509Certificate2 c in chain)
            {
                c.Dispose();
            }

            throw new PemFormatException($"certificate PEM: expected one certificate, found {chain.Count}.");
        }

        return chain[0];
    }

    /// <summary>Loads a certificate from DER bytes.</summary>
    /// <exception cref="PemFormatException">The bytes are not a DER certificate.</exception>
    public static X509Certificate2 FromDer(ReadOnlySpan<byte> der)
    {
        return FromDer(der, "certificate");
    }

    /// <summary>Encodes one certificate as PEM (64-column lines, trailing newline).</summary>
    public static string ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PemReader.Write(CertificateLabel, certificate.RawDataMemory.Span);
    }

    /// <summary>Encodes certificates as concatenated PEM blocks, in the given order.</summary>
    public static string ToPem(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var sb = new StringBuilder();
        foreach (X509Certificate2 certificate in certificates)
        {
            sb.Append(ToPem(certificate));
        }

        return sb.ToString();
    }

    private static X509Certificate2 FromDer(ReadOnlySpan<byte> der, string what)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new PemFormatException($"{what} is not a valid DER X.509 certificate.", ex);
        }
    }
}
