using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dps.Coap;
using Dps.Service.Faults;
using Dps.Service.Hosting;
using Dps.Service.Identity;
using Dps.Service.Payloads;
using Dps.Service.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dps.Service.Http;

/// <summary>
/// The HTTP API (JSON, loopback): provisioning records, enrollment groups, hub devices, a device's
/// resource read through its hub connection, and the fault plan.
/// </summary>
internal static class HttpApi
{
    // Readable text in answers (PEM newlines, quotes in error messages); the API serves JSON only, never HTML.
    private static readonly JsonSerializerOptions s_json = new(ServiceDatabase.JsonOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the application bound to <paramref name="address"/>; start it with <c>StartAsync</c>.</summary>
    public static WebApplication Build(DpsServiceHost host, IPEndPoint address, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "dps-service" });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address));
        var app = builder.Build();

        app.MapGet("/api/v1/provisioning-records", async (CancellationToken ct) =>
            Results.Json(await host.Records.ListAsync(ct).ConfigureAwait(false), s_json));

        app.MapGet("/api/v1/enrollment-groups", () => Results.Json(
            host.Config.EnrollmentGroups.Select(g => new
            {
                id = DeviceUuid.Format(g.Id),
                name = g.Name,
                owner = g.Owner,
                ownerUuid = DeviceUuid.Format(g.OwnerUuid),
                attestationMechanism = new
                {
                    x509 = new
                    {
                        certificateChain = g.CertificateChainPem,
                        leadCertificateName = g.LeadCertificateName,
                        expiredCertificateEnabled = g.ExpiredCertificateEnabled,
                    },
                },
                hasPreSharedKey = g.PreSharedKey is not null,
                hubs = g.Hubs.Select(h => new
                {
                    id = DeviceUuid.Format(h.Id),
                    hubId = DeviceUuid.Format(h.HubId),
                    gateways = h.Gateways,
                    providerName = h.ProviderName,
                    ownerClaim = h.OwnerClaim,
                    deviceIdClaim = h.DeviceIdClaim,
                }),
            }),
            s_json));

        app.MapGet("/api/v1/devices", async (CancellationToken ct) =>
        {
            var devices = await host.Devices.ListAsync(ct).ConfigureAwait(false);
            return Results.Json(
                devices.Select(d => new
                {
                    di = d.DeviceId,
                    name = d.Name,
                    owner = d.Owner,
                    online = d.Online && host.Hub.IsOnline(d.DeviceId),
                    registered = d.Registered,
                    loggedIn = d.LoggedIn,
                    lastSeen = d.LastSeen,
                    links = d.Links.Select(l => l.Href),
                }),
                s_json);
        });

        app.MapGet("/api/v1/devices/{di}/resources", async (string di, string? href, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(href) || !href.StartsWith('/'))
            {
                return Problem(HttpStatusCode.BadRequest, "the query parameter href (e.g. /oic/d) is required");
            }

            var request = CoapMessage.Request(CoapCode.Get, href).SetAccept(CoapContentFormat.OcfCbor).Build();
            CoapMessage? response;
            try
            {
                response = await host.Hub.ForwardAsync(di, request, ct).ConfigureAwait(false);
            }
            catch (CoapConnectionException ex)
            {
                return Problem(HttpStatusCode.GatewayTimeout, "the device did not answer: " + ex.Message);
            }

            if (response is null)
            {
                return Problem(HttpStatusCode.NotFound, $"device {di} is not online");
            }

            if (!response.Code.IsSuccess)
            {
                return Results.Json(new { code = response.Code.ToString(), error = System.Text.Encoding.UTF8.GetString(response.Payload.Span) }, s_json, statusCode: (int)HttpStatusCode.BadGateway);
            }

            if (response.Payload.IsEmpty)
            {
                return Results.Json(new { }, s_json);
            }

            try
            {
                return Results.Bytes(CborJson.ToJson(response.Payload), "application/json");
            }
            catch (PayloadFormatException ex)
            {
                return Problem(HttpStatusCode.BadGateway, "the device answered malformed CBOR: " + ex.Message);
            }
        });

        app.MapGet("/api/v1/faults", () => Results.Text(FaultPlan.ToJson(host.Faults.Snapshot()), "application/json"));

        app.MapPost("/api/v1/faults", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            try
            {
                host.Faults.Replace(FaultPlan.ParseJson(body));
            }
            catch (FaultRuleFormatException ex)
            {
                return Problem(HttpStatusCode.BadRequest, ex.Message);
            }

            return Results.Text(FaultPlan.ToJson(host.Faults.Snapshot()), "application/json");
        });

        app.MapGet("/api/v1/request-counts", () => Results.Json(host.Faults.RequestCounts()));

        app.MapDelete("/api/v1/request-counts", () =>
        {
            host.Faults.ResetRequestCounts();
            return Results.Json(host.Faults.RequestCounts());
        });

        app.MapDelete("/api/v1/faults", () =>
        {
            host.Faults.Clear();
            return Results.Text("[]", "application/json");
        });

        return app;
    }

    /// <summary>The address Kestrel bound (the real port when 0 was asked for).</summary>
    public static IPEndPoint GetBoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The HTTP server reports no address.");
        var first = new Uri(addresses.First());
        return new IPEndPoint(IPAddress.Parse(first.Host.Trim('[', ']')), first.Port);
    }

    private static IResult Problem(HttpStatusCode status, string message) =>
        Results.Json(new { error = message }, s_json, statusCode: (int)status);

    private sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
