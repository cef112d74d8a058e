using System.Formats.Cbor;
using Dps.Ocf.Internal;

namespace Dps.Ocf.Cloud;

/// <summary>
/// The cloud configuration of one device, persisted as the <c>cloud_N</c> store (PROTOCOL §7.12)
/// and shown through <c>/CoapCloudConfResURI</c> (§7.2). Holds tokens: never log it.
/// </summary>
public sealed class CloudConfiguration
{
    /// <summary>The store name prefix (<c>cloud_0</c> for device 0).</summary>
    public const string StoreName = "cloud";

    /// <summary>The cloud interface server after a reset.</summary>
    public const string DefaultCiServer = "coaps+tcp://127.0.0.1";

    private List<CloudServer> _servers = [];

    /// <summary><c>ci_server</c> / <c>cis</c>: the selected cloud interface server.</summary>
    public string CiServer { get; set; } = DefaultCiServer;

    /// <summary><c>sid</c>: the selected server's cloud UUID (nil if none).</summary>
    public OcfUuid Sid { get; set; }

    /// <summary><c>x.org.iotivity.servers</c>: every known server (written only when more than one).</summary>
    public IReadOnlyList<CloudServer> Servers
    {
        get => _servers;
        set => _servers = [.. value];
    }

    /// <summary><c>auth_provider</c> / <c>apn</c>.</summary>
    public string AuthProvider { get; set; } = string.Empty;

    /// <summary><c>uid</c>: the user id from sign-up.</summary>
    public string Uid { get; set; } = string.Empty;

    /// <summary><c>access_token</c> (<c>at</c>): secret.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary><c>refresh_token</c>: secret.</summary>
    public string RefreshToken { get; set; } = string.Empty;

    /// <summary><c>status</c>: cloud status flags (<c>oc_cloud_status_t</c>).</summary>
    public int Status { get; set; }

    /// <summary><c>cps</c>: the provisioning status.</summary>
    public CloudProvisioningStatus ProvisioningStatus { get; set; }

    /// <summary><c>expires_in</c>: access token lifetime in seconds (0 = never).</summary>
    public long ExpiresIn { get; set; }

    /// <summary>Back to the defaults after a reset (§7.12).</summary>
    public void Reset()
    {
        CiServer = DefaultCiServer;
        Sid = OcfUuid.Nil;
        _servers = [];
        AuthProvider = string.Empty;
        Uid = string.Empty;
        AccessToken = string.Empty;
        RefreshToken = string.Empty;
        Status = 0;
        ProvisioningStatus = CloudProvisioningStatus.Uninitialized;
        ExpiresIn = 0;
    }

    /// <summary>
    /// Applies an accepted <c>/CoapCloudConfResURI</c> update: a reset for <c>cis: ""</c>, otherwise
    /// the configuration is replaced, tokens and status cleared and cps set to readytoregister.
    /// </summary>
    public void Apply(CloudConfUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.IsReset)
        {
            Reset();
            return;
        }

        CiServer = update.CiServer;
        Sid = update.Sid;
        AccessToken = update.AccessToken ?? string.Empty;
        AuthProvider = update.AuthProvider ?? string.Empty;
        _servers = update.Servers.Count > 0 ? [.. update.Servers] : [new CloudServer(update.CiServer, update.Sid)];
        Uid = string.Empty;
        RefreshToken = string.Empty;
        ExpiresIn = 0;
        Status = 0;
        ProvisioningStatus = CloudProvisioningStatus.ReadyToRegister;
    }

    /// <summary>The store form, definite lengths.</summary>
    public byte[] Encode()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(_servers.Count > 1 ? 10 : 9);
        writer.WriteTextString("ci_server");
        writer.WriteTextString(CiServer);
        writer.WriteTextString("sid");
        writer.WriteTextString(Sid.ToString());
        if (_servers.Count > 1)
        {
            writer.WriteTextString("x.org.iotivity.servers");
            WriteServers(writer, _servers);
        }

        writer.WriteTextString("auth_provider");
        writer.WriteTextString(AuthProvider);
        writer.WriteTextString("uid");
        writer.WriteTextString(Uid);
        writer.WriteTextString("access_token");
        writer.WriteTextString(AccessToken);
        writer.WriteTextString("refresh_token");
        writer.WriteTextString(RefreshToken);
        writer.WriteTextString("status");
        writer.WriteInt32(Status);
        writer.WriteTextString("cps");
        writer.WriteInt32((int)ProvisioningStatus);
        writer.WriteTextString("expires_in");
        writer.WriteInt64(ExpiresIn);
        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>Reads the store form; unknown keys are ignored.</summary>
    /// <exception cref="OcfFormatException">Malformed data.</exception>
    public static CloudConfiguration Decode(ReadOnlyMemory<byte> data)
    {
        var root = CborNode.ParseMap(data);
        var config = new CloudConfiguration();
        foreach (var (key, value) in root.Entries)
        {
            switch (key)
            {
                case "ci_server":
                    config.CiServer = Text(value, key);
                    break;
                case "sid":
                    {
                        string sid = Text(value, key);
                        if (sid.Length == 0)
                        {
                            config.Sid = OcfUuid.Nil;
                        }
                        else if (OcfUuid.TryParse(sid, out var uuid))
                        {
                            config.Sid = uuid;
                        }
                        else
                        {
                            throw new OcfFormatException("cloud: invalid sid");
                        }

                        break;
                    }

                case "x.org.iotivity.servers":
                    var result = ReadServers(value, out var servers);
                    if (!result.Succeeded)
                    {
                        throw new OcfFormatException(result.Error!);
                    }

                    config._servers = servers;
                    break;
                case "auth_provider":
                    config.AuthProvider = Text(value, key);
                    break;
                case "uid":
                    config.Uid = Text(value, key);
                    break;
                case "access_token":
                    config.AccessToken = Text(value, key);
                    break;
                case "refresh_token":
                    config.RefreshToken = Text(value, key);
                    break;
                case "status":
                    config.Status = (int)Integer(value, key, 0, int.MaxValue);
                    break;
                case "cps":
                    config.ProvisioningStatus = (CloudProvisioningStatus)Integer(value, key, 0, 5);
                    break;
                case "expires_in":
                    config.ExpiresIn = Integer(value, key, long.MinValue, long.MaxValue);
                    break;
                default:
                    break;
            }
        }

        return config;
    }

    internal static void WriteServers(CborWriter writer, IReadOnlyList<CloudServer> servers)
    {
        writer.WriteStartArray(servers.Count);
        foreach (var server in servers)
        {
            writer.WriteStartMap(2);
            writer.WriteTextString("uri");
            writer.WriteTextString(server.Uri);
            writer.WriteTextString("id");
            writer.WriteTextString(server.Id.ToString());
            writer.WriteEndMap();
        }

        writer.WriteEndArray();
    }

    internal static OcfUpdateResult ReadServers(CborNode value, out List<CloudServer> servers)
    {
        servers = [];
        if (!value.IsArray)
        {
            return OcfUpdateResult.Failure("cloud: servers is not an array");
        }

        foreach (var item in value.Items)
        {
            if (!item.IsMap || !item.TryGet("uri", out var uri) || !uri.IsText)
            {
                return OcfUpdateResult.Failure("cloud: server without uri");
            }

            var id = OcfUuid.Nil;
            if (item.TryGet("id", out var idNode) && (!idNode.IsText || !OcfUuid.TryParse(idNode.Text, out id)))
            {
                return OcfUpdateResult.Failure("cloud: server id is not a UUID");
            }

            servers.Add(new CloudServer(uri.Text, id));
        }

        return OcfUpdateResult.Success;
    }

    private static string Text(CborNode value, string key) =>
        value.IsText ? value.Text : throw new OcfFormatException("cloud: " + key + " is not a string");

    private static long Integer(CborNode value, string key, long min, long max) =>
        value.IsInteger && value.Integer >= min && value.Integer <= max
            ? value.Integer
            : throw new OcfFormatException("cloud: invalid " + key);
}
