using System.Formats.Cbor;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Cloud;

/// <summary>
/// The representation and POST rules of <c>/CoapCloudConfResURI</c> (rt <c>oic.r.coapcloudconf</c>,
/// PROTOCOL §7.2). Pure data: the cloud manager applies the outcome.
/// </summary>
public static class CloudConfResource
{
    /// <summary>The resource path.</summary>
    public const string Href = "/CoapCloudConfResURI";

    /// <summary>The resource type.</summary>
    public const string ResourceType = "oic.r.coapcloudconf";

    /// <summary>
    /// The GET (and POST answer) representation: <c>rt</c>/<c>if</c> when
    /// <paramref name="includeBaseline"/>, then <c>apn</c>, <c>cis</c>, <c>sid</c>, <c>clec</c>,
    /// <c>cps</c>, and the servers when more than one. The access token is never shown.
    /// </summary>
    public static byte[] Encode(CloudConfiguration configuration, CloudError lastError, bool includeBaseline = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        bool servers = configuration.Servers.Count > 1;
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(5 + (includeBaseline ? 2 : 0) + (servers ? 1 : 0));
        if (includeBaseline)
        {
            writer.WriteTextString("rt");
            writer.WriteStartArray(1);
            writer.WriteTextString(ResourceType);
            writer.WriteEndArray();
            writer.WriteTextString("if");
            writer.WriteStartArray(2);
            writer.WriteTextString("oic.if.rw");
            writer.WriteTextString("oic.if.baseline");
            writer.WriteEndArray();
        }

        writer.WriteTextString("apn");
        writer.WriteTextString(configuration.AuthProvider);
        writer.WriteTextString("cis");
        writer.WriteTextString(configuration.CiServer);
        writer.WriteTextString("sid");
        writer.WriteTextString(configuration.Sid.IsNil ? string.Empty : configuration.Sid.ToString());
        if (servers)
        {
            writer.WriteTextString("x.org.iotivity.servers");
            CloudConfiguration.WriteServers(writer, configuration.Servers);
        }

        writer.WriteTextString("clec");
        writer.WriteInt32((int)lastError);
        writer.WriteTextString("cps");
        writer.WriteTextString(CloudNames.ToWireString(configuration.ProvisioningStatus));
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// Checks a POST payload against the rules of §7.2. Failure = 4.00; on success the caller applies
    /// <paramref name="update"/> (reset or replace) and answers 2.04 with the representation.
    /// </summary>
    public static OcfUpdateResult ParseUpdate(ReadOnlyMemory<byte> payload, CloudProvisioningStatus current, out CloudConfUpdate? update)
    {
        update = null;
        CborNode root;
        try
        {
            root = CborNode.ParseMap(payload);
        }
        catch (OcfFormatException ex)
        {
            return OcfUpdateResult.Failure(ex.Message);
        }

        string? cis = null;
        string? at = null;
        string? apn = null;
        OcfUuid? sid = null;
        List<CloudServer> servers = [];
        foreach (var (key, value) in root.Entries)
        {
            switch (key)
            {
                case "cps":
                    return OcfUpdateResult.Failure("cloudconf: cps is read-only");
                case "cis":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("cloudconf: cis is not a string");
                    }

                    cis = value.Text;
                    break;
                case "at":
                case "apn":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("cloudconf: " + key + " is not a string");
                    }

                    if (value.Text.Length > 0)
                    {
                        if (key == "at")
                        {
                            at = value.Text;
                        }
                        else
                        {
                            apn = value.Text;
                        }
                    }

                    break;
                case "sid":
                    if (!value.IsText)
                    {
                        return OcfUpdateResult.Failure("cloudconf: sid is not a string");
                    }

                    if (value.Text.Length > 0)
                    {
                        if (!OcfUuid.TryParse(value.Text, out var uuid))
                        {
                            return OcfUpdateResult.Failure("cloudconf: sid is not a UUID");
                        }

                        sid = uuid;
                    }

                    break;
                case "x.org.iotivity.servers":
                    {
                        var result = CloudConfiguration.ReadServers(value, out servers);
                        if (!result.Succeeded)
                        {
                            return result;
                        }

                        break;
                    }

                default:
                    break;
            }
        }

        if (cis is null)
        {
            return OcfUpdateResult.Failure("cloudconf: cis is required");
        }

        if (current is CloudProvisioningStatus.Registering or CloudProvisioningStatus.Registered && cis.Length > 0)
        {
            return OcfUpdateResult.Failure("cloudconf: only a reset is allowed while registering or registered");
        }

        if (cis.Length > 0 && (at is null || sid is null))
        {
            return OcfUpdateResult.Failure("cloudconf: cis needs at and sid");
        }

        update = cis.Length == 0
            ? new CloudConfUpdate { CiServer = string.Empty }
            : new CloudConfUpdate { CiServer = cis, Sid = sid!.Value, AccessToken = at, AuthProvider = apn, Servers = servers };
        return OcfUpdateResult.Success;
    }
}
