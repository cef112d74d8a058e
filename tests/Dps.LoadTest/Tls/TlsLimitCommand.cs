using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dps.LoadTest.Common;
using Dps.Security;

namespace Dps.LoadTest.Tls;

/// <summary>
/// The ceiling for the fleet: full TLS 1.2 ECDHE-ECDSA-AES128-GCM-SHA256 handshakes with P-256
/// certificates on both sides (client certificate required, no session resumption) per second, a
/// loopback SslStream server and as many client loops as cores in this one process, no CoAP.
/// Both sides verify signatures in the handshake; certificate chains are not built (the limit)
/// unless <c>--verify-chains true</c>, which validates both chains with Dps.Security as the stack does.
/// </summary>
internal static class TlsLimitCommand
{
    private static readonly CipherSuitesPolicy s_suite = new([TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]);

    public static async Task<int> RunAsync(Arguments args)
    {
        var duration = TimeSpan.FromSeconds(args.Double("seconds", 10));
        var concurrency = args.Int("concurrency", Environment.ProcessorCount);
        var verifyChains = args.Optional("verify-chains") is "true";
        var (server, client, serverRoot, clientRoot) = CreateIdentities();
        using var serverIdentity = server;
        using var clientIdentity = client;
        var serverContext = serverIdentity.GetCertificateContext();
        var clientContext = clientIdentity.GetCertificateContext();

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1024);
        var endPoint = (IPEndPoint)listener.LocalEndpoint;
        using var stop = new CancellationTokenSource();
        RemoteCertificateValidationCallback serverCheck = verifyChains
            ? (_, certificate, chain, _) => PeerCertificateVerifier.EvaluateClient(
                PeerCertificateVerifier.GetPresentedCertificates(certificate, chain), true, [clientRoot], [], DateTimeOffset.UtcNow).IsAccepted
            : (_, certificate, _, _) => certificate is not null;
        var serverRaw = serverIdentity.Certificate.RawData;

        // Pinned to the server's certificate (a byte compare) unless the chains are verified like the stack does.
        RemoteCertificateValidationCallback clientCheck = verifyChains
            ? (_, certificate, chain, _) => PeerCertificateVerifier.GetPresentedCertificates(certificate, chain) is { Count: > 0 } presented
                && CertificateChainVerifier.Verify(presented[0], [serverRoot], presented.Skip(1)).IsTrusted
            : (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(serverRaw);
        var accept = AcceptLoopAsync(listener, serverContext, serverCheck, stop.Token);

        // One second of warm-up (JIT, OpenSSL tables), then the measured window.
        await RunClientsAsync(endPoint, clientContext, clientCheck, concurrency, TimeSpan.FromSeconds(1));
        var cpu0 = ProcessStats.CpuMilliseconds(Environment.ProcessId) ?? double.NaN;
        var clock = Stopwatch.StartNew();
        var (count, failures) = await RunClientsAsync(endPoint, clientContext, clientCheck, concurrency, duration);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpu = (ProcessStats.CpuMilliseconds(Environment.ProcessId) ?? double.NaN) - cpu0;
        await stop.CancelAsync();
        listener.Stop();
        await accept;

        var rate = count / elapsed;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"tls-limit{(verifyChains ? " (chains verified)" : string.Empty)}: {rate:F1} handshakes/s ({count} in {elapsed:F1} s, {concurrency} client loops, {failures} failures, {cpu / count:F2} CPU ms per handshake both sides, load {ProcessStats.LoadAverage()})");
        Console.WriteLine(line);
        if (args.Optional("out") is { } output)
        {
            await File.WriteAllTextAsync(output, string.Create(CultureInfo.InvariantCulture, $"{rate:F1} {cpu / count:F3}\n{line}\n"));
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<(long Count, long Failures)> RunClientsAsync(IPEndPoint endPoint, SslStreamCertificateContext clientContext, RemoteCertificateValidationCallback check, int concurrency, TimeSpan duration)
    {
        long count = 0;
        long failures = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                try
                {
                    using var tcp = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
                    await tcp.ConnectAsync(endPoint);
                    await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = "localhost",
                        ClientCertificateContext = clientContext,
                        EnabledSslProtocols = SslProtocols.Tls12,
                        CipherSuitesPolicy = s_suite,
                        AllowTlsResume = false,
                        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                        RemoteCertificateValidationCallback = check,
                    });
                    Interlocked.Increment(ref count);
                }
                catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        await Task.WhenAll(loops);
        return (count, failures);
    }

    private static async Task AcceptLoopAsync(TcpListener listener, SslStreamCertificateContext serverContext, RemoteCertificateValidationCallback check, CancellationToken cancellationToken)
    {
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = serverContext,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls12,
            CipherSuitesPolicy = s_suite,
            AllowTlsResume = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = check,
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsServerAsync(options, CancellationToken.None);
                }
                catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException)
                {
                    // Counted on the client side.
                }
            }, CancellationToken.None);
        }
    }

    private static (TlsIdentity Server, TlsIdentity Client, X509Certificate2 ServerRoot, X509Certificate2 ClientRoot) CreateIdentities()
    {
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = notBefore.AddDays(2);
        using var serverRootKey = EcKeys.Generate();
        using var serverRoot = CertificateAuthority.CreateRoot(new X500DistinguishedName("CN=tls-limit server CA"), serverRootKey, notBefore, notAfter);
        var serverKey = EcKeys.Generate();
        var serverCertificate = serverRoot.IssueServerCertificate(new X500DistinguishedName("CN=localhost"), serverKey, ["localhost"], [IPAddress.Loopback], notBefore, notAfter);

        // The device side as in the fleet: a leaf from a manufacturer intermediate, sent with the intermediate.
        using var rootKey = EcKeys.Generate();
        using var root = CertificateAuthority.CreateRoot(new X500DistinguishedName("CN=tls-limit mfg root"), rootKey, notBefore, notAfter, pathLength: 1);
        using var intermediateKey = EcKeys.Generate();
        using var intermediate = root.IssueIntermediate(new X500DistinguishedName("CN=tls-limit mfg CA"), intermediateKey, notBefore, notAfter);
        var clientKey = EcKeys.Generate();
        var clientCertificate = intermediate.IssueDeviceCertificate(new X500DistinguishedName("CN=uuid:" + Guid.NewGuid().ToString("D")), clientKey, notBefore, notAfter);

        return (
            TlsIdentity.Create(serverCertificate, serverKey, [serverRoot.Certificate]),
            TlsIdentity.Create(clientCertificate, clientKey, [X509CertificateLoader.LoadCertificate(intermediate.Certificate.RawData)]),
            X509CertificateLoader.LoadCertificate(serverRoot.Certificate.RawData),
            X509CertificateLoader.LoadCertificate(root.Certificate.RawData));
    }
}
